using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LineProf.TimingCases;

/// <summary>
/// Async methods that begin on one thread and go on on others, on dedicated threads (lanes) so which thread runs
/// what is certain, not left to the thread pool. Each MARK line is asserted on by the timing tests.
/// </summary>
public static class ThreadHopCases
{
    /// <summary>Begins on lane A and ends on lane B, where nothing of it ran before its first await.</summary>
    public static async Task EndsOnAnotherThread()
    {
        Thread.Sleep(5); // MARK:hop-first
        await Lane.B.After(40); // MARK:hop-await
        Thread.Sleep(10); // MARK:hop-last
    }

    /// <summary>
    /// Begins on lane B, waits there (which moves it to the heap), then goes on on lane A and runs to its end there
    /// while lane B is still inside the AwaitOnCompleted call that suspended it, as a thread preempted just after
    /// suspending would be. By the time lane B's MoveNext returns, the method has completed and .NET has cleared
    /// its state machine.
    /// </summary>
    public static async Task EndsBeforeTheSuspendingThreadReturns()
    {
        Thread.Sleep(5); // MARK:race-first
        await Lane.B.After(20); // MARK:race-wait
        Thread.Sleep(5); // MARK:race-on-b
        await Lane.A.After(20, suspendingThreadWaits: true); // MARK:race-to-a
        Thread.Sleep(10); // MARK:race-last
    }

    /// <summary>Runs <paramref name="work"/> from <paramref name="lane"/>, so it begins there, once the lane is done with what came before.</summary>
    public static async Task On(Lane lane, Func<Task> work)
    {
        await lane.After(10);
        await work();
    }
}

/// <summary>A thread of its own that runs what is posted to it, in order, after the delay asked for.</summary>
[LineProf.NoLineProfile]
public sealed class Lane
{
    public static readonly Lane A = new("lane A");
    public static readonly Lane B = new("lane B");

    private readonly BlockingCollection<(int Delay, Action Work)> _work = new();

    private Lane(string name)
    {
        using (ExecutionContext.SuppressFlow()) // the lane belongs to no request; each continuation brings its own
        {
            new Thread(Run) { IsBackground = true, Name = name }.Start();
        }
    }

    /// <summary>
    /// Awaiting it moves the rest of the method onto this lane after <paramref name="milliseconds"/>. With
    /// <paramref name="suspendingThreadWaits"/>, the thread that suspends does not return from suspending until the
    /// continuation's run on this lane has returned.
    /// </summary>
    public Hop After(int milliseconds, bool suspendingThreadWaits = false) => new(this, milliseconds, suspendingThreadWaits);

    private void Run()
    {
        foreach (var (delay, work) in _work.GetConsumingEnumerable())
        {
            if (delay > 0) Thread.Sleep(delay);
            work();
        }
    }

    [LineProf.NoLineProfile]
    public readonly struct Hop(Lane lane, int milliseconds, bool suspendingThreadWaits) : ICriticalNotifyCompletion
    {
        public Hop GetAwaiter() => this;

        public bool IsCompleted => false;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

        public void UnsafeOnCompleted(Action continuation)
        {
            if (!suspendingThreadWaits)
            {
                lane._work.Add((milliseconds, continuation));
                return;
            }

            using var ran = new ManualResetEventSlim();
            lane._work.Add((milliseconds, () =>
            {
                continuation();
                ran.Set();
            }));
            ran.Wait();
        }
    }
}
