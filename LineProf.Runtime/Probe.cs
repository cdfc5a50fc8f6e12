using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using LineProf.Collection;
using LineProf.Hosting;
using LineProf.LineMaps;

namespace LineProf
{
    /// <summary>
    /// The calls woven code makes: the probe contract (see <see cref="ProbeContract"/>). A woven method calls
    /// <see cref="Enter"/> (or <see cref="Resume"/> in a state machine's MoveNext) once, <see cref="Hit"/> at each
    /// sequence point, and <see cref="Exit"/> when it returns or throws (or, in async code, <see cref="Complete"/>
    /// before it completes its task and <see cref="Leave"/> when MoveNext returns). None of them allocates or throws
    /// into user code.
    /// </summary>
    /// <remarks>
    /// Two modes. <c>exact</c>: every line reads the clock and charges the line it leaves. <c>sampled</c>: a line
    /// only counts its hit and notes where its thread is; <see cref="LineSampler"/> reads those places at a fixed rate
    /// and charges the time, and awaits read the clock where they suspend and resume so I/O waits stay exact.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Probe
    {
        /// <summary>
        /// False when LINEPROF_ENABLED=false. A static readonly field: once the tier-1 JIT sees it, every check of it
        /// is folded away, so an inert probe costs nothing.
        /// </summary>
        internal static readonly bool Enabled = RuntimeSettings.EnabledByEnvironment();

        /// <summary>
        /// True in sampled mode. Set at start-up, before requests, from LINEPROF_MODE or the host's configuration; a
        /// plain static (one load and a predictable branch) because configuration is read after the first probes run.
        /// </summary>
        internal static bool Sampled = RuntimeSettings.SampledByEnvironment();

        /// <summary>
        /// AggressiveOptimization (512, not in netstandard2.0) for the probes woven code calls rather than inlines:
        /// compiled fully optimized at once instead of starting at tier 0, so their cost is the same from the first
        /// request on and the same as <see cref="Reporting.ProbeCalibration"/> measured. Runtimes that do not know
        /// the flag ignore it.
        /// </summary>
        internal const MethodImplOptions Optimized = (MethodImplOptions)512;

        /// <summary>
        /// For the profiled half of a probe, called from its inlined guard: never inlined, so a woven method stays
        /// close to its own size (the JIT would otherwise copy the whole probe into it at every call site).
        /// </summary>
        private const MethodImplOptions OutOfLine = MethodImplOptions.NoInlining | Optimized;

        /// <summary>
        /// Exact mode: what a call of a woven method costs its caller's line beyond the call itself (the callee's
        /// Enter, the start of its first Hit, the end of its Exit), in ProbeClock ticks. Measured at start-up by
        /// <see cref="Reporting.ProbeCalibration"/>; 0 until then. A plain static: one load per completed call.
        /// </summary>
        internal static long CallCostTicks;

        /// <summary>
        /// Exact mode: what <see cref="Count"/> costs the calling line, in ProbeClock ticks, measured with
        /// <see cref="CallCostTicks"/>. 0 until then and in sampled mode (where it is never read against a clock).
        /// </summary>
        internal static long CountCostTicks;

        /// <summary>
        /// Exact mode: whether each line also counts the bytes its thread allocated (<see cref="ChargeAllocations"/>).
        /// Set at start-up from <see cref="LineProfilerOptions.TrackAllocations"/>; a plain static like
        /// <see cref="Sampled"/>: one load and a predictable branch per hit when off.
        /// </summary>
        internal static bool TrackAllocations;

        /// <summary>
        /// Sampled mode: whether each method also counts the bytes its thread allocated while running it
        /// (<see cref="StartMethodAllocations"/>, <see cref="ChargeMethodAllocations"/>): read once where a run of a
        /// method begins and once where it ends, never per line. Set at start-up like <see cref="TrackAllocations"/>.
        /// </summary>
        internal static bool TrackMethodAllocations;

        /// <summary>Called once per woven assembly, from its line map's static constructor.</summary>
        /// <returns>The probe id of the assembly's first line; its lines are numbered from there.</returns>
        public static int Register(Type lineMap, int contractVersion, int probeCount)
        {
            // Reading a static field runs this type's initializer now, before any probe is compiled: the probes that
            // are compiled fully optimized at once (Optimized), with no later tier, then fold Enabled away.
            GC.KeepAlive(Enabled);
            return LineMapRegistry.Register(lineMap, contractVersion, probeCount);
        }

        /// <summary>Starts a new invocation of a method whose frame is a local.</summary>
        /// <param name="frame">The invocation's frame.</param>
        /// <param name="method">Probe id of the method's first line, under which its own figures are counted.</param>
        /// <param name="probeEnd">One past the assembly's last probe id, so the counters can be sized first.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Enter(ref LineFrame frame, int method, int probeEnd)
        {
            // Each probe is an inlined guard around a call: folded away when profiling is off, even in code the JIT
            // compiles fully optimized once and never tiers up (a method with stackalloc and a loop), where a call
            // would stay. The frame's Counters is null until set: the JIT zeroes a local holding a reference.
            if (!Enabled) return;
            if (LineSink.AnyCollecting && LineSink.FlowCollects) EnterProfiled(ref frame, method, probeEnd); // a static's read; then the thread's flow
        }

        [MethodImpl(OutOfLine)]
        private static void EnterProfiled(ref LineFrame frame, int method, int probeEnd)
        {
            var counters = ThreadCounters.ForCurrentWork(probeEnd);
            frame.Counters = counters;
            if (counters == null) return;                            // unprofiled: Hit and Exit look no further
            frame.Line = 0;
            frame.Outer = counters.Line;                             // the caller's line, put back at Exit
            counters.AwaitNoted = false;                             // a suspension from here on is the innermost
            counters.Begin(ref frame, method, countCall: true);
            counters.Depth[method]++;
            counters.FramesRunning++;
            if (Sampled) StartRun(ref frame, counters);
        }

        /// <summary>
        /// Starts one run of a state machine's MoveNext. The frame lives in the state machine, so the line it was
        /// on before suspending (an await) keeps its clock; only where the counts go is looked up again, because
        /// the continuation may run on another thread.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Resume(ref LineFrame frame, int method, int probeEnd)
        {
            if (!Enabled) return;
            if (LineSink.AnyCollecting && LineSink.FlowCollects) ResumeProfiled(ref frame, method, probeEnd);
            else frame.Counters = null;                              // the frame is a field: it kept the last run's
        }

        [MethodImpl(OutOfLine)]
        private static void ResumeProfiled(ref LineFrame frame, int method, int probeEnd)
        {
            var counters = ThreadCounters.ForCurrentWork(probeEnd);
            frame.Counters = counters;
            if (counters == null) return;

            if ((uint)frame.Line >= (uint)counters.Lines.Length || (uint)frame.Method >= (uint)counters.Lines.Length)
            {
                frame.Line = 0; // only a frame the compiler never zeroed ([SkipLocalsInit]) gets here
                frame.Method = 0;
            }

            frame.Outer = counters.Line;                             // what this thread was on, put back when the run ends
            counters.AwaitNoted = false;
            if (frame.Line != 0) counters.Line = frame.Line;         // the awaiting line runs here again

            if (frame.Line == 0)
            {
                // The first run of the invocation, or an iterator's next item: nothing is pending.
                counters.Begin(ref frame, method, countCall: frame.Method == 0);
                if (Sampled) frame.Started = ProbeClock.Now();         // for the handoff at Complete
            }
            else
            {
                // The awaiting line is charged on this thread now. What it awaited, if that was profiled code that
                // just completed and resumed us inline, handed over its duration: that time is not the line's own.
                counters.Touch(frame.Line);
                long now = ProbeClock.Now();                         // once per resumption, not per line
                if (Sampled)
                {
                    ChargeSuspension(ref frame, counters, now);
                    counters.RunningSince = now;
                }
                else
                {
                    frame.Attributed = counters.Attributed - counters.Handoff;
                    ChargeMethodSoFar(ref frame, counters, now, running: true); // the suspension is the method's time too
                    if (TrackAllocations) RestartAllocations(ref frame, counters); // bytes are counted per thread
                }

                counters.Handoff = 0;
            }

            counters.Depth[method]++;
            counters.FramesRunning++;
            if (Sampled) StartRun(ref frame, counters);
        }

        /// <summary>The invocation reached the start of a line.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Hit(ref LineFrame frame, int probe)
        {
            if (!Enabled) return;                                    // folded away by the JIT
            var counters = frame.Counters;
            if (counters == null) return;                            // not profiled: one load and one test

            if (Sampled)
            {
                counters.Stack[frame.Slot] = probe;                  // where this thread is, for the sampler: one store
            }
            else
            {
                long now = ProbeClock.Now();                         // the clock: ~11 ns (tsc), ~29 (Stopwatch); see ProbeClock
                if (frame.Line != 0) Charge(ref frame, counters, now); // the line being left gets its time
                else Start(ref frame, counters, now);                // first line of the invocation
                frame.Since = now;
                if (TrackAllocations) ChargeAllocations(ref frame, counters); // one load and a branch when off; a call when on
            }

            if (counters.Lines[probe].Hits++ == 0) counters.Touch(probe); // first hit since the last drain: list it
            frame.Line = probe;
            counters.Line = probe;                                   // where this thread is, for the line-cost collectors: one store
        }

        /// <summary>The invocation returned or threw, or an iterator handed out an item: its current line stops here.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Exit(ref LineFrame frame)
        {
            if (!Enabled) return;                                    // folded away
            if (frame.Counters != null) ExitProfiled(ref frame);     // not profiled: one load and one test
        }

        [MethodImpl(OutOfLine)]
        private static void ExitProfiled(ref LineFrame frame)
        {
            var counters = frame.Counters!;
            if (Sampled) EndSampledRun(ref frame, counters);
            else if (frame.Line != 0) Stop(ref frame, counters, ProbeClock.Now());
            frame.Line = 0;
            counters.Line = frame.Outer;                             // the caller's line is current again
            counters.Depth[frame.Method]--;
            counters.FramesRunning--;
        }

        /// <summary>
        /// An async method is about to complete its task (or an async iterator to hand out an item). Its line stops
        /// here, before the builder runs continuations inline, so their time is not charged to it; its duration is
        /// handed to whichever awaiting caller the completion resumes on this thread. This run of MoveNext ends here
        /// for the thread's stack too: what the builder runs inline next is not inside this method.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Complete(ref LineFrame frame)
        {
            if (!Enabled) return;
            if (frame.Counters != null) CompleteProfiled(ref frame);
        }

        [MethodImpl(OutOfLine)]
        private static void CompleteProfiled(ref LineFrame frame)
        {
            var counters = frame.Counters!;
            if (frame.Line != 0)
            {
                long now = ProbeClock.Now();
                if (!Sampled) Stop(ref frame, counters, now);
                counters.Handoff = now - frame.Started;
                frame.Line = 0;
            }

            EndRun(ref frame, counters);
        }

        /// <summary>
        /// An async method is about to hand itself to the builder to await (AwaitOnCompleted): this run of MoveNext
        /// ends here. Everything the run must close is closed now, because once the builder has the state machine,
        /// the continuation may resume on another thread and own the frame before this thread's MoveNext returns.
        /// In sampled mode the await's clock starts here, since the sampler will no longer see the frame on a thread;
        /// and the first suspension copies a struct state machine to the heap, so what is written after is lost.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Suspend(ref LineFrame frame)
        {
            if (!Enabled) return;
            if (frame.Counters != null) SuspendProfiled(ref frame);
        }

        [MethodImpl(OutOfLine)]
        private static void SuspendProfiled(ref LineFrame frame)
        {
            var counters = frame.Counters!;
            long now = ProbeClock.Now();                             // once per suspension, not per line
            if (!counters.AwaitNoted && frame.Line != 0)
            {
                var owner = counters.Owner;                          // null once its request finished, on another thread
                if (owner != null) owner.AwaitingLine = frame.Line;  // for a command its provider raises after this await, elsewhere
                counters.AwaitNoted = true;                          // the callers suspending next are not the innermost
            }

            if (Sampled) frame.Since = now;
            else if (frame.Line != 0)
            {
                ChargeMethodSoFar(ref frame, counters, now, running: false);
                if (TrackAllocations) ChargeAllocations(ref frame, counters); // the continuation may run on another thread, with other bytes
            }

            EndRun(ref frame, counters);
        }

        /// <summary>
        /// A state machine's MoveNext returns, suspended at an await or done: an unclaimed handoff expires. It must not
        /// read the frame: after a suspension, the frame belongs to the continuation, which may already be running on
        /// another thread (a class state machine, or a struct one after its first await, is shared).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Leave(ref LineFrame frame)
        {
            if (Enabled) ThreadCounters.ExpireHandoff();
        }

        /// <summary>
        /// A small member the JIT would inline (one line, no loop: a getter, a forwarding overload) was called. It has
        /// no frame, so that the JIT still inlines it: its call and its line's hit are counted, and its time is the
        /// calling line's, as if it were inlined. What the count itself costs is left out of the calling line's self time.
        /// </summary>
        /// <param name="method">Probe id of the member's line, under which its call is counted too.</param>
        /// <param name="probeEnd">One past the assembly's last probe id.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Count(int method, int probeEnd)
        {
            if (!Enabled) return;                                    // folded away
            if (LineSink.AnyCollecting && LineSink.FlowCollects) CountProfiled(method, probeEnd); // a static's read; then the thread's flow
        }

        [MethodImpl(OutOfLine)]
        private static void CountProfiled(int method, int probeEnd)
        {
            var counters = ThreadCounters.ForCurrentWork(probeEnd);
            if (counters == null) return;
            ref var figures = ref counters.Lines[method];
            if (figures.Calls++ == 0) counters.Touch(method);       // the line's hit is the member's call
            figures.Hits++;
            counters.Attributed += CountCostTicks;                   // exact mode: not the calling line's own time
        }

        /// <summary>Ends one run of a MoveNext on this thread, which <see cref="Resume"/> began.</summary>
        private static void EndRun(ref LineFrame frame, ThreadCounters counters)
        {
            if (Sampled) EndSampledRun(ref frame, counters);
            counters.Line = frame.Outer;
            counters.Depth[frame.Method]--;
            counters.FramesRunning--;
        }

        /// <summary>Sampled mode: a run of the frame's invocation begins on this thread, on top of its stack.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StartRun(ref LineFrame frame, ThreadCounters counters)
        {
            counters.Push(ref frame);
            if (TrackMethodAllocations) StartMethodAllocations(ref frame); // one load and a branch when off; a call when on
        }

        /// <summary>Sampled mode: the run <see cref="StartRun"/> began ends on this thread.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void EndSampledRun(ref LineFrame frame, ThreadCounters counters)
        {
            counters.Pop(ref frame);
            if (TrackMethodAllocations) ChargeMethodAllocations(ref frame, counters); // one load and a branch when off; a call when on
        }

        /// <summary>Sampled mode with allocations tracked: the method's bytes on this thread count from here.</summary>
        private static void StartMethodAllocations(ref LineFrame frame)
        {
#if NET
            frame.AllocSince = GC.GetAllocatedBytesForCurrentThread(); // an FCall reading the thread's allocation context: a few ns, once per run
#endif
        }

        /// <summary>
        /// Sampled mode with allocations tracked: charges the bytes this thread allocated during the run to the method,
        /// unless the invocation is nested in another of the same method, whose run already counts them.
        /// </summary>
        private static void ChargeMethodAllocations(ref LineFrame frame, ThreadCounters counters)
        {
#if NET
            if (frame.Nested) return;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - frame.AllocSince; // the same FCall, once per run
            if (allocated > 0) counters.ChargeMethodAllocations(frame.Method, allocated);
#endif
        }

        /// <summary>
        /// Exact mode with allocations tracked: charges the bytes this thread allocated since the frame's line began
        /// (all of them inclusive, less what deeper lines allocated as self), and starts counting again from here. A
        /// first line only starts counting. Out of line so that each woven hit stays a few instructions longer, not a
        /// copy of this.
        /// </summary>
        [MethodImpl(OutOfLine)]
        private static void ChargeAllocations(ref LineFrame frame, ThreadCounters counters)
        {
#if NET
            long bytes = GC.GetAllocatedBytesForCurrentThread();    // an FCall reading the thread's allocation context: a few ns
            long attributed = counters.AllocAttributed;
            if (frame.Line != 0)
            {
                long allocated = bytes - frame.AllocSince;
                long self = allocated - (attributed - frame.AllocAttributed);
                if (self < 0) self = 0;                              // deeper bytes counted on another thread
                ref var line = ref counters.Lines[frame.Line];
                line.AllocBytes += allocated;
                line.SelfAllocBytes += self;
                if (!frame.Nested && allocated > 0) counters.ChargeMethodAllocations(frame.Method, allocated); // the lines of one invocation follow each other: their bytes add up to the method's
                attributed += self;
                counters.AllocAttributed = attributed;
            }

            frame.AllocAttributed = attributed;
            frame.AllocSince = bytes;
#endif
        }

        /// <summary>A frame resumed, perhaps on another thread than it suspended on: its line's bytes count from here.</summary>
        private static void RestartAllocations(ref LineFrame frame, ThreadCounters counters)
        {
#if NET
            frame.AllocSince = GC.GetAllocatedBytesForCurrentThread();
            frame.AllocAttributed = counters.AllocAttributed;
#endif
        }

        /// <summary>Ends the frame's current line and, unless the invocation is nested in another of the same
        /// method, adds the rest of its time to the method's. What the invocation's probes cost outside its own lines
        /// counts as deeper time for the caller's line, like the callee's lines: it is not the caller's own.</summary>
        private static void Stop(ref LineFrame frame, ThreadCounters counters, long now)
        {
            Charge(ref frame, counters, now);
            if (TrackAllocations) ChargeAllocations(ref frame, counters);
            ChargeMethodSoFar(ref frame, counters, now, running: false);
            counters.Attributed += CallCostTicks;                    // the calling line's self time leaves out our probes
        }

        /// <summary>
        /// Exact mode: adds the invocation's time since it was last counted to the method's, on the thread it is on
        /// now, so an async method's time is counted run by run, in the request each run belongs to, and is there
        /// while the method is still suspended (a worker's loop that never completes). <paramref name="running"/>: whether
        /// the invocation goes on running on this thread, for a report taken before it is counted again.
        /// </summary>
        private static void ChargeMethodSoFar(ref LineFrame frame, ThreadCounters counters, long now, bool running)
        {
            if (!frame.Nested)
            {
                counters.ChargeMethod(frame.Method, now - frame.Counted);
                counters.MethodRunningSince[frame.Method] = running ? now : 0;
            }

            frame.Counted = now;
        }

        /// <summary>Charges the time since the frame reached its line: all of it as inclusive time, less what
        /// deeper lines took as self time.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Charge(ref LineFrame frame, ThreadCounters counters, long now)
        {
            long elapsed = now - frame.Since;
            long attributed = counters.Attributed;                   // grows by every line's self time on this thread
            long self = elapsed - (attributed - frame.Attributed);
            if (self < 0) self = 0;                                  // deeper work handed over from other threads
            ref var line = ref counters.Lines[frame.Line];
            // No hits: its work took the counts since the line was hit (it ended, or was dropped at routing, while the
            // line ran). Listed again, so the next drain takes this time too instead of the next work to hit the line
            // here. One load from the line's figures already in cache, and a branch that is never taken on the way.
            if (line.Hits == 0) counters.Touch(frame.Line);
            line.Ticks += elapsed;
            line.SelfTicks += self;
            counters.Attributed = frame.Attributed = attributed + self;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Start(ref LineFrame frame, ThreadCounters counters, long now)
        {
            frame.Started = frame.Counted = now;
            frame.Attributed = counters.Attributed;
            if (!frame.Nested) counters.MethodRunningSince[frame.Method] = now; // once per invocation: for a report taken meanwhile
        }

        /// <summary>
        /// Sampled mode: the time a frame spent suspended at an await, measured exactly at both ends. Self time
        /// leaves out what a profiled callee handed over on completing.
        /// </summary>
        private static void ChargeSuspension(ref LineFrame frame, ThreadCounters counters, long now)
        {
            long suspended = now - frame.Since;
            ref var line = ref counters.Lines[frame.Line];
            line.Ticks += suspended;
            line.SelfTicks += Math.Max(0, suspended - counters.Handoff);
            if (!frame.Nested) counters.ChargeMethod(frame.Method, suspended);
        }
    }
}
