namespace LineProf.Collection
{
    /// <summary>
    /// The figures counted under one probe id, by one thread, since they were last drained. Every id is a line; the
    /// id of a method's first line also carries the method's own figures (calls and total time).
    /// </summary>
    internal struct LineCounter
    {
        public long Hits;

        /// <summary>Inclusive time, <see cref="ProbeClock"/> ticks.</summary>
        public long Ticks;

        /// <summary>Self time: inclusive time less what deeper profiled lines took. <see cref="ProbeClock"/> ticks.</summary>
        public long SelfTicks;

        /// <summary>Invocations of the method whose first line this is.</summary>
        public long Calls;

        /// <summary>Time in those invocations, outermost ones only, so recursion is not counted twice. <see cref="ProbeClock"/> ticks.</summary>
        public long MethodTicks;

        /// <summary>Exact mode with allocations tracked: bytes the thread allocated while on the line, deeper lines included.</summary>
        public long AllocBytes;

        /// <summary>Those bytes less what deeper profiled lines allocated.</summary>
        public long SelfAllocBytes;

        /// <summary>
        /// With allocations tracked: bytes the threads allocated while running the method's invocations
        /// (outermost ones only, like <see cref="MethodTicks"/>), deeper calls included.
        /// </summary>
        public long MethodAllocBytes;

        public bool IsEmpty => Hits == 0 && Ticks == 0 && SelfTicks == 0 && Calls == 0 && MethodTicks == 0 && AllocBytes == 0 && SelfAllocBytes == 0
            && MethodAllocBytes == 0;

        public void Add(LineCounter other)
        {
            Hits += other.Hits;
            Ticks += other.Ticks;
            SelfTicks += other.SelfTicks;
            Calls += other.Calls;
            MethodTicks += other.MethodTicks;
            AllocBytes += other.AllocBytes;
            SelfAllocBytes += other.SelfAllocBytes;
            MethodAllocBytes += other.MethodAllocBytes;
        }
    }
}
