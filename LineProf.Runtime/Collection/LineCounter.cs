namespace LineProf.Collection
{
    /// <summary>Hits and time of one line, as one thread counted them since they were last drained.</summary>
    internal struct LineCounter
    {
        public long Hits;

        /// <summary>Inclusive time, Stopwatch ticks.</summary>
        public long Ticks;

        /// <summary>Self time: inclusive time less what deeper profiled lines took. Stopwatch ticks.</summary>
        public long SelfTicks;
    }
}
