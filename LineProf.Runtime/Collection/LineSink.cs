using System.Collections.Generic;
using System.Threading;

namespace LineProf.Collection
{
    /// <summary>
    /// Where the counts of some work go: a request being profiled, the work outside requests, or nowhere. The
    /// current sink flows with the ExecutionContext, so work a request starts on other threads (Task.Run,
    /// Parallel.For, continuations) counts for that request.
    /// </summary>
    internal abstract class LineSink
    {
        // The flow's sink lives in an AsyncLocal, so it flows with the work; its change handler mirrors it into a
        // thread-static whenever the thread's ExecutionContext changes it (an await resuming, a thread-pool item of
        // another request, a set). That costs each such switch a few nanoseconds, in place of an ExecutionContext read
        // and an AsyncLocal lookup at every call of a woven method in the flow of a request nobody profiles.
        private static readonly AsyncLocal<LineSink?> s_current = new AsyncLocal<LineSink?>(OnCurrentChanged);

        /// <summary>The calling thread's copy of <see cref="s_current"/>: null outside any request.</summary>
        [System.ThreadStatic] private static LineSink? t_flowSink;

        // Runs inside the runtime's context switch, where an exception would end the process: one store, nothing else.
        private static void OnCurrentChanged(AsyncLocalValueChangedArgs<LineSink?> change) => t_flowSink = change.CurrentValue;

        // Null stands for Unprofiled.Instance. A field initializer here would read Unprofiled.Instance while
        // Unprofiled's own type initializer may still be running (constructing it runs this type's initializer),
        // and on Mono that order is real: the field came out null.
        private static LineSink? s_outside;
        private static bool s_outsideCollects;
        private static int s_collecting;

        /// <summary>The sink of work not inside any request.</summary>
        internal static LineSink Outside
        {
            get => s_outside ?? Unprofiled.Instance;
            set
            {
                var previous = Interlocked.Exchange(ref s_outside, value);
                if (previous != null && previous.Collects) Interlocked.Decrement(ref s_collecting);
                if (value.Collects) Interlocked.Increment(ref s_collecting);
                Volatile.Write(ref s_outsideCollects, value.Collects);
            }
        }

        /// <summary>
        /// How many sinks collect right now: requests being profiled, and work outside requests if that is profiled.
        /// When none does, no code anywhere is profiled, and a probe can stop at this one read (a static's, cheaper
        /// than <see cref="FlowCollects"/>'s thread-static).
        /// </summary>
        internal static bool AnyCollecting => Volatile.Read(ref s_collecting) != 0;

        private readonly object _gate = new object();
        private readonly LineTotals _totals = new LineTotals();
        private readonly List<ThreadCounters> _contributors = new List<ThreadCounters>();
        private bool _finished;

        protected LineSink(bool collects)
        {
            Collects = collects;
        }

        /// <summary>A request's sink starts collecting as it is made; it counts until it finishes.</summary>
        protected void CountAsCollecting() => Interlocked.Increment(ref s_collecting);

        /// <summary>The sink of the calling flow: its request's, or <see cref="Outside"/>.</summary>
        internal static LineSink Current => t_flowSink ?? Outside;   // a thread-static read: ~1 ns

        /// <summary>
        /// Whether the calling flow's work is collected: false in a request nobody profiles (the sample rate did not
        /// choose it, its path is excluded) even while other requests are profiled, so its probes stay inert.
        /// </summary>
        internal static bool FlowCollects
        {
            [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
            get
            {
                var sink = t_flowSink;                                   // a thread-static read: ~1 ns
                return sink != null ? sink.Collects : s_outsideCollects;
            }
        }

        /// <summary>
        /// The innermost line this work last suspended at (an await that did not complete at once): where a command
        /// is charged when its provider raises its event after an await of its own, on a thread where none of this
        /// work's lines runs. Written at each suspension by <see cref="Probe.Suspend"/>, not per line.
        /// </summary>
        internal int AwaitingLine;

        /// <summary>False for the sink of work nobody profiles: its probes stay inert.</summary>
        internal readonly bool Collects;

        /// <summary>Makes this sink current for the calling flow and everything it starts.</summary>
        internal void MakeCurrent() => s_current.Value = this;

        internal static void ClearCurrent() => s_current.Value = null;

        /// <summary>The calling flow's own sink (null when it has none), for a unit nested in another to give back.</summary>
        internal static LineSink? OwnCurrent => s_current.Value;

        /// <summary>Makes <paramref name="sink"/> (one <see cref="OwnCurrent"/> returned) the calling flow's sink again.</summary>
        internal static void Restore(LineSink? sink) => s_current.Value = sink;

        /// <summary>Registers counters that will count for this sink. False once it has finished.</summary>
        internal bool Enlist(ThreadCounters counters)
        {
            lock (_gate)
            {
                if (_finished) return false;
                _contributors.Add(counters);
                return true;
            }
        }

        /// <summary>Takes the counts of counters whose thread moves to other work. Caller holds their gate.</summary>
        internal void Absorb(ThreadCounters counters)
        {
            lock (_gate)
            {
                counters.DrainInto(_totals);
                _contributors.Remove(counters);
            }
        }

        /// <summary>
        /// Stops collecting and returns every count, including those still held by other threads' counters, and the
        /// time since <paramref name="runningFrom"/> of methods still running (an async void method that ends the
        /// request from inside, a task left running): their time after this is not counted anywhere, and without
        /// their time so far they would read less than the lines they ran. Lock order everywhere: a counters' gate
        /// before a sink's gate.
        /// </summary>
        protected LineSample[] Finish(long runningFrom)
        {
            ThreadCounters[] contributors;
            lock (_gate)
            {
                if (!_finished) Interlocked.Decrement(ref s_collecting);
                _finished = true;
                contributors = _contributors.ToArray();
                _contributors.Clear();
            }

            foreach (var counters in contributors)
            {
                lock (counters.Gate)
                {
                    if (!ReferenceEquals(counters.Owner, this)) continue; // its thread moved on and drained them
                    lock (_gate)
                    {
                        counters.DrainInto(_totals);
                        counters.AddRunning(_totals, runningFrom);
                    }

                    counters.Owner = null;
                }
            }

            lock (_gate) return _totals.ToArray();
        }

        /// <summary>
        /// Everything counted so far, without stopping: what was drained, plus what live threads still hold.
        /// Counters of threads that have ended are drained for good, so they do not accumulate.
        /// </summary>
        protected LineSample[] Peek()
        {
            ThreadCounters[] contributors;
            lock (_gate) contributors = _contributors.ToArray();

            var held = new LineTotals();
            foreach (var counters in contributors)
            {
                lock (counters.Gate)
                {
                    if (!ReferenceEquals(counters.Owner, this)) continue;
                    if (counters.Thread.IsAlive)
                    {
                        counters.PeekInto(held);
                    }
                    else
                    {
                        lock (_gate)
                        {
                            counters.DrainInto(_totals);
                            _contributors.Remove(counters);
                        }

                        counters.Owner = null;
                    }
                }
            }

            lock (_gate) held.AddAll(_totals);
            return held.ToArray();
        }

        /// <summary>Forgets what was counted (the live page's reset).</summary>
        protected void DiscardCounts()
        {
            ThreadCounters[] contributors;
            lock (_gate) contributors = _contributors.ToArray();
            var discarded = new LineTotals();
            foreach (var counters in contributors)
            {
                lock (counters.Gate)
                {
                    if (ReferenceEquals(counters.Owner, this)) counters.DrainInto(discarded);
                }
            }

            lock (_gate) _totals.Clear();
        }
    }

    /// <summary>The sink of work nobody profiles.</summary>
    internal sealed class Unprofiled : LineSink
    {
        internal static readonly Unprofiled Instance = new Unprofiled();

        private Unprofiled() : base(collects: false)
        {
        }
    }
}
