using System.ComponentModel;
using LineProf.Collection;

namespace LineProf
{
    /// <summary>
    /// One method invocation's place in its own source: the line it is on, since when, and what the thread had
    /// attributed to deeper lines by then. Woven code keeps it in a local, or in a field of the state machine for
    /// async methods and iterators so it survives suspension. Only <see cref="Probe"/> reads or writes it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct LineFrame
    {
        /// <summary>Where this invocation's counts go; null when nobody is profiling this work.</summary>
        internal ThreadCounters? Counters;

        /// <summary>Probe id of the line the invocation is on; 0 before its first line and after it exits.</summary>
        internal int Line;

        /// <summary>Probe id of the method's first line, under which the method's own figures are counted.</summary>
        internal int Method;

        /// <summary>
        /// Exact mode: <see cref="Collection.ProbeClock"/> timestamp taken when the invocation reached <see cref="Line"/>. Sampled mode: when the
        /// invocation last suspended at an await.
        /// </summary>
        internal long Since;

        /// <summary>Sampled mode: this frame's slot in its thread's <see cref="ThreadCounters.Stack"/>.</summary>
        internal int Slot;

        /// <summary>When the invocation (or, for an iterator, the current item) reached its first line.</summary>
        internal long Started;

        /// <summary>Exact mode: until when the invocation's time has been added to its method's.</summary>
        internal long Counted;

        /// <summary>
        /// The thread's <see cref="ThreadCounters.Attributed"/> when <see cref="Line"/> began; what it has grown by
        /// since is the time deeper lines took, which is not this line's self time.
        /// </summary>
        internal long Attributed;

        /// <summary>
        /// True when another invocation of the same method was already running on this thread's stack when this one
        /// began (recursion, re-entrancy): its time is inside that invocation's, so it is not added to the method's total.
        /// </summary>
        internal bool Nested;

        /// <summary>
        /// The line the thread was on when this run of the invocation began (its caller's line, or 0): the thread's
        /// <see cref="ThreadCounters.Line"/> goes back to it when the run ends, so a command the caller issues next is
        /// charged to the caller's line, not to this method's last one.
        /// </summary>
        internal int Outer;

        /// <summary>
        /// With allocations tracked, the thread's allocated bytes: in exact mode when <see cref="Line"/> began; in sampled
        /// mode when this run of the invocation began on its thread.
        /// </summary>
        internal long AllocSince;

        /// <summary>
        /// The thread's <see cref="ThreadCounters.AllocAttributed"/> when <see cref="Line"/> began, as
        /// <see cref="Attributed"/> is for time.
        /// </summary>
        internal long AllocAttributed;
    }
}
