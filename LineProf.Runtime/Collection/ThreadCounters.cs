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

        /// <summary>
        /// How many invocations are on this thread's stack now: the sum of <see cref="Depth"/>. Mostly 0 when a
        /// request ends, so finding its methods still running does not scan every probe id of the app.
        /// </summary>
        internal int FramesRunning;

        /// <summary>
        /// Exact mode, indexed by a method's probe id: since when the outermost invocation of it that is running on this
        /// thread has not been counted in its time (<see cref="ProbeClock"/> ticks), 0 when none is. Never drained, like
        /// <see cref="Depth"/>: it lets a report taken while a method runs (the app's Main, around the host's Run) show
        /// the method's time so far instead of none.
        /// </summary>
        internal long[] MethodRunningSince;

        /// <summary>Probe ids that may be non-zero since the last drain (duplicates allowed; they drain as zero).</summary>
        private int[] _touched = new int[64];
        private int _touchedCount;

        /// <summary>
        /// Sampled mode: the lines this thread's frames are on, outermost first, one slot per frame (0 until the frame
        /// reaches its first line). Written only by this thread; read by the sampler, which tolerates a stale view.
        /// </summary>
        internal int[] Stack = new int[32];

        /// <summary>Sampled mode: the method of each frame on <see cref="Stack"/>.</summary>
        private int[] _stackMethods = new int[32];

        /// <summary>Sampled mode: how many frames are on <see cref="Stack"/>.</summary>
        private int _stackDepth;

        /// <summary>
        /// Sampled mode: since when the frames on <see cref="Stack"/> have been running here: set when profiled work
        /// starts on an idle thread or resumes after an await. A sample never charges them for time before it, which
        /// the thread spent elsewhere or which the await already measured.
        /// </summary>
        internal long RunningSince;

        /// <summary>Sampled mode: time the sampler charged, kept apart because only the sampler writes it (under <see cref="Gate"/>).</summary>
        private LineCounter[]? _samples;
        private int[] _sampleTouched = new int[16];
        private int _sampleTouchedCount;

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

        /// <summary>
        /// The line this thread is on now: the innermost profiled line running here, 0 when none is. Written by every
        /// hit (one store) and put back when a run of a method ends; read by the line-cost collectors
        /// (<see cref="LineCosts"/>) on this same thread, to charge a database command or HTTP call to the line issuing it.
        /// </summary>
        internal int Line;

        /// <summary>
        /// True once a frame suspending on this thread has noted its line as its work's <see cref="LineSink.AwaitingLine"/>:
        /// the frames that suspend after it in the same run are its callers, whose lines are not the innermost. Cleared
        /// when a method starts or resumes here.
        /// </summary>
        internal bool AwaitNoted;

        /// <summary>Allocated bytes of every line's self allocations on this thread, ever: <see cref="Attributed"/> for bytes.</summary>
        internal long AllocAttributed;

        private static readonly object s_allGate = new object();
        private static readonly List<ThreadCounters> s_all = new List<ThreadCounters>();

        private ThreadCounters(Thread thread, int capacity)
        {
            Thread = thread;
            Lines = new LineCounter[capacity];
            Depth = new int[capacity];
            MethodRunningSince = new long[capacity];
        }

        /// <summary>Counters that belong to no thread's work and no sink, for measuring the probe in isolation.</summary>
        internal static ThreadCounters Detached(int capacity) => new ThreadCounters(Thread.CurrentThread, capacity);

        /// <summary>
        /// The counters the current thread should use for the work it is doing now, or null when that work is not
        /// profiled. Called once per method invocation (and per resumption of a state machine).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(Probe.Optimized)]
        internal static ThreadCounters? ForCurrentWork(int probeEnd)
        {
            if (probeEnd <= 0) return null;                            // a module this runtime refused (see Register)
            if (!LineSink.AnyCollecting) return null;                  // nothing is profiled anywhere: one volatile read
            var sink = LineSink.Current;                               // [ThreadStatic] read: ~1 ns
            var counters = t_current;                                  // [ThreadStatic] read: ~1 ns
            if (counters != null && ReferenceEquals(counters.Owner, sink) && counters.Lines.Length >= probeEnd)
                return counters;
            return sink.Collects ? Claim(sink, probeEnd) : null;
        }

        /// <summary>
        /// The line the calling thread is on for <paramref name="sink"/>'s work, 0 when no profiled line of it runs
        /// here (the provider raised its event on a thread of its own, after an await of its own).
        /// </summary>
        internal static int LineOf(LineSink sink)
        {
            var counters = t_current;                                  // [ThreadStatic] read: ~1 ns
            return counters != null && ReferenceEquals(counters.Owner, sink) ? counters.Line : 0;
        }

        /// <summary>A completing MoveNext returned: the duration it handed over, if no caller took it, is nobody's now.</summary>
        internal static void ExpireHandoff()
        {
            var counters = t_current;                                  // [ThreadStatic] read: ~1 ns
            if (counters != null) counters.Handoff = 0;
        }

        /// <summary>Makes this thread's counters belong to <paramref name="sink"/>, draining what they held.</summary>
        private static ThreadCounters? Claim(LineSink sink, int probeEnd)
        {
            try
            {
                var counters = t_current ??= Register(new ThreadCounters(Thread.CurrentThread, Math.Max(probeEnd, LineMaps.LineMapRegistry.End)));
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
                        Array.Resize(ref counters.MethodRunningSince, capacity);
                        if (counters._samples != null) Array.Resize(ref counters._samples, capacity);
                    }
                }

                return counters.Owner == null ? null : counters;
            }
            catch (Exception e)
            {
                // Profiling gives way; the user's code must never see our failure.
                Hosting.ProfilerLog.Error("LP2006", "LineProf stopped counting on a thread after an internal error: " + e.Message);
                return null;
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

        internal void Touch(int probe) => Append(ref _touched, ref _touchedCount, probe);

        /// <summary>
        /// Adds to a method's time. The invocation may end on another thread than it began (after an await), where
        /// nothing has listed the method since the last drain; unlisted, the time would stay behind in these counters
        /// and be drained with whatever request next lists the method here.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal void ChargeMethod(int method, long ticks)
        {
            ref var figures = ref Lines[method];
            if (figures.MethodTicks == 0) Touch(method);             // once per drain (a duplicate drains as zero)
            figures.MethodTicks += ticks;
        }

        /// <summary>Adds to a method's allocated bytes, listing it as <see cref="ChargeMethod"/> does.</summary>
        internal void ChargeMethodAllocations(int method, long bytes)
        {
            ref var figures = ref Lines[method];
            if (figures.MethodAllocBytes == 0) Touch(method);        // once per drain (a duplicate drains as zero)
            figures.MethodAllocBytes += bytes;
        }

        /// <summary>Sampled mode: this frame starts running on this thread, on top of its stack.</summary>
        internal void Push(ref LineFrame frame)
        {
            int depth = _stackDepth;
            if (depth == 0) RunningSince = ProbeClock.Now(); // once per burst of work on this thread
            if (depth == Stack.Length)
            {
                // Grow copies: the sampler may still hold the old arrays, which only makes one sample stale.
                var stack = new int[depth * 2];
                var methods = new int[depth * 2];
                Array.Copy(Stack, stack, depth);
                Array.Copy(_stackMethods, methods, depth);
                _stackMethods = methods;
                Stack = stack;
            }

            Stack[depth] = 0;
            _stackMethods[depth] = frame.Method;
            frame.Slot = depth;
            _stackDepth = depth + 1;
        }

        /// <summary>Sampled mode: this frame (and anything left above it) stops running on this thread.</summary>
        internal void Pop(ref LineFrame frame) => _stackDepth = frame.Slot;

        /// <summary>
        /// Sampled mode: where the thread is, as one number (its depth and the line it is on): unchanged between two
        /// samples, the thread stayed put (blocked, or not in profiled code at all). Caller holds the gate.
        /// </summary>
        internal long StackSignature
        {
            get
            {
                int depth = Math.Min(_stackDepth, Stack.Length);
                return depth == 0 ? 0 : depth * 1_000_003L + Stack[depth - 1];
            }
        }

        /// <summary>
        /// Sampled mode: charges <paramref name="elapsed"/> ticks to where this thread is now. Every frame's line gets
        /// it as inclusive time, as in exact mode; the innermost line as self time; each method once, at its outermost
        /// frame. Caller holds <see cref="Gate"/>.
        /// </summary>
        internal void Sample(long now, long elapsed)
        {
            elapsed = Math.Min(elapsed, now - RunningSince);
            if (elapsed <= 0) return;
            var stack = Stack;
            var methods = _stackMethods;
            int depth = Math.Min(_stackDepth, Math.Min(stack.Length, methods.Length));
            var samples = _samples ??= new LineCounter[Lines.Length];
            bool selfCharged = false;
            for (int slot = depth - 1; slot >= 0; slot--)
            {
                int line = stack[slot];
                if ((uint)line < (uint)samples.Length && line != 0)
                {
                    ref var figures = ref Sampled(samples, line);
                    figures.Ticks += elapsed;
                    if (!selfCharged) figures.SelfTicks += elapsed;
                    selfCharged = true;
                }

                int method = methods[slot];
                if ((uint)method < (uint)samples.Length && method != 0 && Array.IndexOf(methods, method, 0, slot) < 0)
                    Sampled(samples, method).MethodTicks += elapsed;
            }
        }

        /// <summary>Moves every count into <paramref name="into"/> and zeroes it. Caller holds <see cref="Gate"/>.</summary>
        internal void DrainInto(LineTotals into)
        {
            Drain(Lines, _touched, ref _touchedCount, into);
            if (_samples != null) Drain(_samples, _sampleTouched, ref _sampleTouchedCount, into);
        }

        /// <summary>Adds every count into <paramref name="into"/> without draining. Caller holds <see cref="Gate"/>.</summary>
        internal void PeekInto(LineTotals into)
        {
            Peek(Lines, _touched, _touchedCount, into);
            if (_samples != null) Peek(_samples, _sampleTouched, _sampleTouchedCount, into);
            AddRunning(into, runningFrom: 0);
        }

        /// <summary>
        /// Adds the time so far of the methods running on this thread now, counted from <paramref name="runningFrom"/>
        /// at the earliest (a request's start: a loop that began before it is not the request's before it). Read
        /// without the thread's cooperation: a method that ends meanwhile may be counted a moment too long here.
        /// Caller holds <see cref="Gate"/>.
        /// </summary>
        internal void AddRunning(LineTotals into, long runningFrom)
        {
            if (Volatile.Read(ref FramesRunning) == 0) return;          // nothing running here: the usual end of a request
            long now = ProbeClock.Now();
            var depth = Depth;
            var since = MethodRunningSince;
            for (int method = 0; method < Math.Min(depth.Length, since.Length); method++)
            {
                long start = Math.Max(since[method], runningFrom);
                if (since[method] != 0 && depth[method] > 0 && now > start)
                    into.Add(method, new LineCounter { MethodTicks = now - start });
            }
        }

        /// <summary>The counters of every thread that has run profiled code and is still alive, for the sampler.</summary>
        internal static ThreadCounters[] All()
        {
            lock (s_allGate)
            {
                s_all.RemoveAll(c => !c.Thread.IsAlive && c.Owner == null);
                return s_all.ToArray();
            }
        }

        private static ThreadCounters Register(ThreadCounters counters)
        {
            lock (s_allGate) s_all.Add(counters);
            return counters;
        }

        private ref LineCounter Sampled(LineCounter[] samples, int probe)
        {
            ref var figures = ref samples[probe];
            if (figures.IsEmpty) Append(ref _sampleTouched, ref _sampleTouchedCount, probe);
            return ref figures;
        }

        private static void Append(ref int[] list, ref int count, int probe)
        {
            if (count == list.Length) Array.Resize(ref list, list.Length * 2);
            list[count++] = probe;
        }

        private static void Drain(LineCounter[] table, int[] touched, ref int count, LineTotals into)
        {
            for (int i = 0; i < count; i++)
            {
                ref var figures = ref table[touched[i]];
                if (!figures.IsEmpty) into.Add(touched[i], figures);
                figures = default;
            }

            count = 0;
        }

        private static void Peek(LineCounter[] table, int[] touched, int count, LineTotals into)
        {
            var seen = new HashSet<int>();
            for (int i = 0; i < count; i++)
            {
                var figures = table[touched[i]];
                if (seen.Add(touched[i]) && !figures.IsEmpty) into.Add(touched[i], figures);
            }
        }

        private void Clear()
        {
            var discarded = new LineTotals();
            DrainInto(discarded);
        }
    }
}
