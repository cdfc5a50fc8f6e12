using System.Runtime.CompilerServices;

namespace LineProf.TimingCases;

/// <summary>Awaits of every kind; each MARK line is asserted on by the timing tests.</summary>
public static class AsyncCases
{
    public static async Task AwaitsAsynchronously()
    {
        await Task.Delay(200); // MARK:await-async
        Thread.Sleep(30); // MARK:after-await
    }

    public static async Task AwaitsTheFastPath()
    {
        await CompletesSynchronously(150); // MARK:await-fast
    }

    public static async Task AwaitsWithConfigureAwaitFalse()
    {
        await Task.Delay(200).ConfigureAwait(false); // MARK:await-cafalse
        Thread.Sleep(30); // MARK:after-cafalse
    }

    public static async Task AwaitsAFault()
    {
        try
        {
            await FailsAfter(150); // MARK:await-fault
        }
        catch (InvalidOperationException)
        {
            Thread.Sleep(20); // MARK:fault-caught
        }
    }

    public static async Task<int> ReturnsTaskOfT()
    {
        await Task.Delay(100); // MARK:task-of-t
        return 42;
    }

    public static async ValueTask AwaitsValueTask()
    {
        await Task.Delay(100); // MARK:value-task
    }

    public static async ValueTask<int> ReturnsValueTaskOfT()
    {
        await Task.Delay(100); // MARK:value-task-of-t
        return 7;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<int> UsesAPoolingBuilder()
    {
        await Task.Delay(100); // MARK:pooling-builder
        return 9;
    }

    public static async void RunsAsyncVoid(TaskCompletionSource done)
    {
        await Task.Delay(100); // MARK:async-void
        done.SetResult();
    }

    /// <summary>The awaited method completes on a timer thread and resumes this one inline, inside its own SetResult.</summary>
    public static async Task ResumesInlineAfterCompleter()
    {
        await CompletesLater(); // MARK:await-completer
        Thread.Sleep(300); // MARK:after-completer
    }

    public static async Task AwaitsSharedLine(int milliseconds)
    {
        await Task.Delay(milliseconds); // MARK:shared-await
    }

    private static Task CompletesSynchronously(int milliseconds)
    {
        Thread.Sleep(milliseconds); // MARK:fast-spin
        return Task.CompletedTask;
    }

    private static async Task FailsAfter(int milliseconds)
    {
        await Task.Delay(milliseconds);
        throw new InvalidOperationException("deliberate"); // MARK:async-throw
    }

    private static async Task CompletesLater()
    {
        await Task.Delay(150); // MARK:completer-await
        Thread.Sleep(5); // MARK:completer-last
    }
}
