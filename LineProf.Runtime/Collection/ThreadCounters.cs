using System;
using System.Collections.Generic;
using System.Threading;

namespace LineProf.Collection
{
    /// <summary>
    /// One thread's line counters for the work it is currently doing for one <see cref="LineSink"/> (a request, or
    /// work outside requests). Only the owning thread writes them, so the probe needs no Interlocked and counts stay
    /// exact under parallelism; when the thread moves to other work, or the sink finishes, the counts are drained
    /// into the sink under <see cref="Gate"/>.
    /// </summary>
    internal sealed class ThreadCounters
    {
        [ThreadStatic] private static ThreadCounters? t_current;

        /// <summary>Indexed by probe id. Drained into the sink.</summary>
        internal LineCounter[] Lines;

        /// <summary>
        /// Indexed by a method's probe id: how many of its invocations are on this thread's stack now. Never drained:
        /// it describes the stack, not the counts.
        /// </summary>
        internal int[] Depth;

        /// <summary>Probe ids that may be non-zero since the last drain (duplicates allowed; they drain as zero).</summary>
        private int[] _touched = new int[64];
        private int _touchedCount;

        internal readonly object Gate = new object();
        internal readonly Thread Thread;

        /// <summary>The sink these counts belong to; null after the sink took them and stopped collecting.</summary>
        internal LineSink? Owner;

        /// <summary>
        /// Self time of every line this thread has charged, ever (ticks). A frame compares it with its value when
        /// its line began to find how much of the line's time deeper lines took.
        /// </summary>
        internal long Attributed;

        /// <summary>
        /// Set by an async method completing on this thread: its duration, for the caller its completion resumes
        /// inline, which takes it at Resume. Cleared when the completing MoveNext returns.
        /// </summary>
        internal long Handoff;

        private ThreadCounters(Thread thread, int capacity)
        {
            Thread = thread;
            Lines = new LineCounter[capacity];
            Depth = new int[capacity];
        }

        /// <summary>Counters that belong to no thread's work and no sink, for measuring the probe in isolation.</summary>
        internal static ThreadCounters Detached(int capacity) => new ThreadCounters(Thread.CurrentThread, capacity);

        /// <summary>
        /// The counters the current thread should use for the work it is doing now, or null when that work is not
        /// profiled. Called once per method invocation (and per resumption of a state machine).
        /// </summary>
        internal static ThreadCounters? ForCurrentWork(int probeEnd)
        {
            var sink = LineSink.Current;                               // AsyncLocal read: ~4 ns
            var counters = t_current;                                  // [ThreadStatic] read: ~1 ns
            if (counters != null && ReferenceEquals(counters.Owner, sink) && counters.Lines.Length >= probeEnd)
                return counters;
            return sink.Collects ? Claim(sink, probeEnd) : null;
        }

        /// <summary>Makes this thread's counters belong to <paramref name="sink"/>, draining what they held.</summary>
        private static ThreadCounters? Claim(LineSink sink, int probeEnd)
        {
            try
            {
                var counters = t_current ??= new ThreadCounters(Thread.CurrentThread, Math.Max(probeEnd, LineMaps.LineMapRegistry.End));
                lock (counters.Gate)
                {
                    if (!ReferenceEquals(counters.Owner, sink))
                    {
                        if (counters.Owner != null) counters.Owner.Absorb(counters);
                        else counters.Clear(); // counted after their sink finished: too late to belong anywhere

                        counters.Owner = sink.Enlist(counters) ? sink : LineSink.Outside.Enlist(counters) ? LineSink.Outside : null;
                    }

                    if (counters.Lines.Length < probeEnd)
                    {
                        int capacity = Math.Max(probeEnd, LineMaps.LineMapRegistry.End);
                        Array.Resize(ref counters.Lines, capacity);
                        Array.Resize(ref counters.Depth, capacity);
                    }
                }

                return counters.Owner == null ? null : counters;
            }
            catch (OutOfMemoryException)
            {
                return null; // profiling gives way; the user's code must not see our failure
            }
        }

        /// <summary>A new invocation (or iterator item) of <paramref name="method"/> starts running on this thread.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal void Begin(ref LineFrame frame, int method, bool countCall)
        {
            frame.Method = method;
            frame.Nested = Depth[method] != 0;
            if (countCall && Lines[method].Calls++ == 0) Touch(method);
        }

        internal void Touch(int probe)
        {
            if (_touchedCount == _touched.Length) Array.Resize(ref _touched, _touched.Length * 2);
            _touched[_touchedCount++] = probe;
        }

        /// <summary>Moves every count into <paramref name="into"/> and zeroes it. Caller holds <see cref="Gate"/>.</summary>
        internal void DrainInto(LineTotals into)
        {
            var lines = Lines;
            for (int i = 0; i < _touchedCount; i++)
            {
                int probe = _touched[i];
                ref var line = ref lines[probe];
                if (!line.IsEmpty) into.Add(probe, line);
                line = default;
            }

            _touchedCount = 0;
        }

        /// <summary>Adds every count into <paramref name="into"/> without draining. Caller holds <see cref="Gate"/>.</summary>
        internal void PeekInto(LineTotals into)
        {
            var seen = new HashSet<int>();
            for (int i = 0; i < _touchedCount; i++)
            {
                int probe = _touched[i];
                var line = Lines[probe];
                if (seen.Add(probe) && !line.IsEmpty) into.Add(probe, line);
            }
        }

        private void Clear()
        {
            for (int i = 0; i < _touchedCount; i++) Lines[_touched[i]] = default;
            _touchedCount = 0;
        }
    }
}
