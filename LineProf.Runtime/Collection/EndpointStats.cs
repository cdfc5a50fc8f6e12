using System;

namespace LineProf.Collection
{
    /// <summary>
    /// Duration statistics and summed lines of the requests of one endpoint. Percentiles come from a bounded
    /// uniform sample of durations (exact up to <see cref="SampleSize"/> requests), so memory stays fixed.
    /// </summary>
    internal sealed class EndpointStats
    {
        internal const int SampleSize = 1024;

        private readonly long[] _sample = new long[SampleSize];
        private ulong _random = 0x9E3779B97F4A7C15;

        internal EndpointStats(string name)
        {
            Name = name;
        }

        public string Name { get; }
        public long Count { get; private set; }
        public long TotalTicks { get; private set; }
        public long MaxTicks { get; private set; }
        public LineTotals Lines { get; } = new LineTotals();
        public LineCosts.CostTotals Costs { get; } = new LineCosts.CostTotals();

        public void Add(RequestProfile request)
        {
            Count++;
            TotalTicks += request.DurationTicks;
            MaxTicks = Math.Max(MaxTicks, request.DurationTicks);
            Lines.AddAll(request.Lines);
            Costs.AddRequest(request.Costs);

            if (Count <= SampleSize)
            {
                _sample[Count - 1] = request.DurationTicks;
            }
            else
            {
                // Reservoir sampling keeps every request equally likely to be in the sample.
                long slot = (long)(NextRandom() % (ulong)Count);
                if (slot < SampleSize) _sample[slot] = request.DurationTicks;
            }
        }

        /// <summary>The duration below which <paramref name="percent"/>% of the requests finished (nearest rank).</summary>
        public long Percentile(double percent)
        {
            int n = (int)Math.Min(Count, SampleSize);
            if (n == 0) return 0;
            var sorted = new long[n];
            Array.Copy(_sample, sorted, n);
            Array.Sort(sorted);
            int rank = (int)Math.Ceiling(percent / 100.0 * n);
            return sorted[Math.Min(Math.Max(rank, 1), n) - 1];
        }

        private ulong NextRandom()
        {
            _random ^= _random << 13;
            _random ^= _random >> 7;
            _random ^= _random << 17;
            return _random;
        }
    }
}
