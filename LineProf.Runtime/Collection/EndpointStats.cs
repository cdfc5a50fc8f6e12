using System;

namespace LineProf.Collection
{
    /// <summary>
    /// Duration statistics of every request of one endpoint, profiled or not, and the summed lines of its profiled
    /// ones. Percentiles come from a bounded uniform sample of durations (exact up to <see cref="SampleSize"/>
    /// requests), so memory stays fixed; they leave out the warm-up requests unless told to keep them (or there are
    /// no others yet).
    /// </summary>
    internal sealed class EndpointStats
    {
        internal const int SampleSize = 1024;

        private readonly long[] _sample = new long[SampleSize];
        private readonly long[] _warmUpSample;
        private readonly EndpointRules _rules;
        private long _sampled;
        private ulong _random = 0x9E3779B97F4A7C15;

        internal EndpointStats(string name, EndpointRules rules)
        {
            Name = name;
            _rules = rules;
            _warmUpSample = new long[Math.Min(rules.WarmUpRequests, SampleSize)];
        }

        public string Name { get; }
        public long Count { get; private set; }
        public long Profiled { get; private set; }
        public long WarmUp { get; private set; }
        public long TotalTicks { get; private set; }
        public long MaxTicks { get; private set; }
        public LineTotals Lines { get; } = new LineTotals();
        public LineCosts.CostTotals Costs { get; } = new LineCosts.CostTotals();

        /// <summary>Messages its profiled gRPC calls received and sent; null while none of its requests carried messages.</summary>
        public long? MessagesIn { get; private set; }
        public long? MessagesOut { get; private set; }

        /// <summary>Adds a profiled request; true when it is one of the endpoint's warm-up requests.</summary>
        public bool Add(RequestProfile request)
        {
            Profiled++;
            Lines.AddAll(request.Lines);
            Costs.AddRequest(request.Costs);
            if (request.MessagesIn is { } received) MessagesIn = (MessagesIn ?? 0) + received;
            if (request.MessagesOut is { } sent) MessagesOut = (MessagesOut ?? 0) + sent;
            return Add(request.DurationTicks);
        }

        /// <summary>Adds a request that was not profiled: its duration only. True when it is a warm-up request.</summary>
        public bool Add(long durationTicks)
        {
            Count++;
            TotalTicks += durationTicks;
            MaxTicks = Math.Max(MaxTicks, durationTicks);
            if (Count <= _rules.WarmUpRequests)
            {
                WarmUp++;
                if (WarmUp <= _warmUpSample.Length) _warmUpSample[WarmUp - 1] = durationTicks;
                if (!_rules.KeepWarmUpInPercentiles) return true;
            }

            _sampled++;
            if (_sampled <= SampleSize)
            {
                _sample[_sampled - 1] = durationTicks;
            }
            else
            {
                // Reservoir sampling keeps every request equally likely to be in the sample.
                long slot = (long)(NextRandom() % (ulong)_sampled);
                if (slot < SampleSize) _sample[slot] = durationTicks;
            }

            return Count <= _rules.WarmUpRequests;
        }

        /// <summary>The duration below which <paramref name="percent"/>% of the requests finished (nearest rank).</summary>
        public long Percentile(double percent)
        {
            // Until a request past the warm-up completes, the warm-up is all there is to go by.
            var source = _sampled > 0 ? _sample : _warmUpSample;
            int n = (int)Math.Min(_sampled > 0 ? _sampled : WarmUp, source.Length);
            if (n == 0) return 0;
            var sorted = new long[n];
            Array.Copy(source, sorted, n);
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

    /// <summary>Which requests of an endpoint are its warm-up, and whether its percentiles keep them.</summary>
    internal readonly struct EndpointRules : IEquatable<EndpointRules>
    {
        public static readonly EndpointRules Default = new EndpointRules(1, keepWarmUpInPercentiles: false);

        public EndpointRules(int warmUpRequests, bool keepWarmUpInPercentiles)
        {
            WarmUpRequests = Math.Max(0, warmUpRequests);
            KeepWarmUpInPercentiles = keepWarmUpInPercentiles;
        }

        public int WarmUpRequests { get; }
        public bool KeepWarmUpInPercentiles { get; }

        public bool Equals(EndpointRules other) =>
            WarmUpRequests == other.WarmUpRequests && KeepWarmUpInPercentiles == other.KeepWarmUpInPercentiles;

        public override bool Equals(object? obj) => obj is EndpointRules other && Equals(other);

        public override int GetHashCode() => WarmUpRequests * 2 + (KeepWarmUpInPercentiles ? 1 : 0);
    }
}
