using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace LineProf.Collection
{
    /// <summary>
    /// Everything collected: the lines of all profiled requests summed, per endpoint, and a bounded set of
    /// retained requests (the most recent and the slowest); the endpoints also count the requests that were not
    /// profiled, and how requests were selected is counted. Thread-safe.
    /// </summary>
    internal sealed class ResultsStore
    {
        /// <summary>Beyond this many endpoints, requests are summed under one <see cref="OtherEndpoints"/> entry.</summary>
        internal const int MaxEndpoints = 1000;

        internal const string OtherEndpoints = "(other endpoints)";

        private readonly object _gate = new object();
        private readonly RetentionLimits _limits;
        private readonly EndpointRules _rules;
        private readonly LineTotals _lines = new LineTotals();
        private readonly LineCosts.CostTotals _costs = new LineCosts.CostTotals();
        private readonly Dictionary<string, EndpointStats> _endpoints = new Dictionary<string, EndpointStats>(StringComparer.Ordinal);
        private readonly Queue<RequestProfile> _recent = new Queue<RequestProfile>();
        private readonly SortedSet<RequestProfile> _slowest = new SortedSet<RequestProfile>(SlowestFirst.Instance);
        private long _requestCount;
        private SelectionCounts _selection;
        private long _version;

        internal ResultsStore(RetentionLimits limits) : this(limits, EndpointRules.Default)
        {
        }

        internal ResultsStore(RetentionLimits limits, EndpointRules rules)
        {
            _limits = limits;
            _rules = rules;
        }

        internal RetentionLimits Limits => _limits;

        internal EndpointRules Rules => _rules;

        /// <summary>Changes whenever something is added or reset, so writers can skip unchanged results.</summary>
        internal long Version => Interlocked.Read(ref _version);

        internal long RequestCount
        {
            get
            {
                lock (_gate) return _requestCount;
            }
        }

        internal void Add(RequestProfile request)
        {
            lock (_gate)
            {
                _requestCount++;
                if (request.Triggered) _selection.Triggered++;
                _lines.AddAll(request.Lines);
                _costs.AddRequest(request.Costs);
                request.WarmUp = EndpointFor(request.EndpointKey).Add(request);
                Retain(request);
                _version++;
            }
        }

        /// <summary>
        /// A request that was not profiled: it counts in its endpoint's count and durations (its lines were not
        /// collected). <paramref name="overCap"/>: the rate chose it, the cap per second refused it.
        /// </summary>
        internal void AddUnprofiled(string method, string? endpoint, long durationTicks, bool overCap)
        {
            lock (_gate)
            {
                _selection.Unprofiled++;
                if (overCap) _selection.OverCap++;
                EndpointFor(RequestProfile.EndpointKeyOf(method, endpoint)).Add(durationTicks);
                _version++;
            }
        }

        /// <summary>A request presented a trigger that was refused (a wrong secret, or one in the query when a header is configured).</summary>
        internal void CountRefusedTrigger()
        {
            lock (_gate) _selection.RefusedTriggers++;
        }

        /// <summary>Called when the outside-requests lines changed, which the store does not hold itself.</summary>
        internal void MarkChanged() => Interlocked.Increment(ref _version);

        internal void Reset()
        {
            lock (_gate)
            {
                _requestCount = 0;
                _selection = default;
                _lines.Clear();
                _costs.Clear();
                _endpoints.Clear();
                _recent.Clear();
                _slowest.Clear();
                _version++;
            }
        }

        internal StoreSnapshot Snapshot()
        {
            lock (_gate)
            {
                var retained = _recent.Union(_slowest).OrderByDescending(r => r.DurationTicks).ToArray();
                var endpoints = _endpoints.Values
                    .Select(e => new EndpointSnapshot(e.Name, e.Count, e.TotalTicks, e.Percentile(50), e.Percentile(95),
                        e.MaxTicks, e.Lines.ToArray())
                    {
                        Costs = e.Costs.ToArray(),
                        Profiled = e.Profiled,
                        WarmUp = e.WarmUp,
                        MessagesIn = e.MessagesIn,
                        MessagesOut = e.MessagesOut,
                    })
                    .OrderByDescending(e => e.TotalTicks)
                    .ToArray();
                return new StoreSnapshot(_requestCount, retained, _lines.ToArray(), endpoints) { Costs = _costs.ToArray(), Selection = _selection };
            }
        }

        private EndpointStats EndpointFor(string key)
        {
            if (_endpoints.TryGetValue(key, out var stats)) return stats;
            if (_endpoints.Count >= MaxEndpoints) key = OtherEndpoints;
            if (!_endpoints.TryGetValue(key, out stats)) _endpoints.Add(key, stats = new EndpointStats(key, _rules));
            return stats;
        }

        private void Retain(RequestProfile request)
        {
            // A static file or a 404 has nothing to show line by line; kept, it would push requests with lines out.
            if (request.Lines.Length == 0 && !_limits.KeepWithoutLines) return;

            if (_limits.Recent > 0)
            {
                _recent.Enqueue(request);
                while (_recent.Count > _limits.Recent) _recent.Dequeue();
            }

            if (_limits.Slowest > 0 && !request.LongLived)
            {
                _slowest.Add(request);
                while (_slowest.Count > _limits.Slowest) _slowest.Remove(_slowest.Max!);
            }
        }

        /// <summary>Orders requests slowest first; ties by completion order, so distinct requests never collide.</summary>
        private sealed class SlowestFirst : IComparer<RequestProfile>
        {
            internal static readonly SlowestFirst Instance = new SlowestFirst();

            public int Compare(RequestProfile? x, RequestProfile? y)
            {
                int byDuration = y!.DurationTicks.CompareTo(x!.DurationTicks);
                return byDuration != 0 ? byDuration : x.Sequence.CompareTo(y.Sequence);
            }
        }
    }

    /// <summary>How many finished requests are kept with their lines, and whether those that ran none are kept too.</summary>
    internal readonly struct RetentionLimits : IEquatable<RetentionLimits>
    {
        public RetentionLimits(int recent, int slowest, bool keepWithoutLines = false)
        {
            Recent = recent;
            Slowest = slowest;
            KeepWithoutLines = keepWithoutLines;
        }

        public int Recent { get; }
        public int Slowest { get; }
        public bool KeepWithoutLines { get; }

        public bool Equals(RetentionLimits other) => Recent == other.Recent && Slowest == other.Slowest && KeepWithoutLines == other.KeepWithoutLines;

        public override bool Equals(object? obj) => obj is RetentionLimits other && Equals(other);

        public override int GetHashCode() => (Recent * 397 ^ Slowest) * 2 + (KeepWithoutLines ? 1 : 0);
    }

    internal sealed class StoreSnapshot
    {
        public StoreSnapshot(long requestCount, RequestProfile[] requests, LineSample[] lines, EndpointSnapshot[] endpoints)
        {
            RequestCount = requestCount;
            Requests = requests;
            Lines = lines;
            Endpoints = endpoints;
        }

        public long RequestCount { get; }
        public SelectionCounts Selection { get; set; }
        public RequestProfile[] Requests { get; }
        public LineSample[] Lines { get; }
        public EndpointSnapshot[] Endpoints { get; }

        /// <summary>The database commands and HTTP calls of every profiled request, per line and text.</summary>
        public LineCosts.CostSample[] Costs { get; set; } = System.Array.Empty<LineCosts.CostSample>();
    }

    internal sealed class EndpointSnapshot
    {
        public EndpointSnapshot(string name, long count, long totalTicks, long p50Ticks, long p95Ticks, long maxTicks, LineSample[] lines)
        {
            Name = name;
            Count = count;
            TotalTicks = totalTicks;
            P50Ticks = p50Ticks;
            P95Ticks = p95Ticks;
            MaxTicks = maxTicks;
            Lines = lines;
        }

        public string Name { get; }
        public long Count { get; }
        public long TotalTicks { get; }
        public long P50Ticks { get; }
        public long P95Ticks { get; }
        public long MaxTicks { get; }
        public LineSample[] Lines { get; }
        public LineCosts.CostSample[] Costs { get; set; } = System.Array.Empty<LineCosts.CostSample>();
        public long Profiled { get; set; }
        public long WarmUp { get; set; }
        public long? MessagesIn { get; set; }
        public long? MessagesOut { get; set; }
    }

    /// <summary>How requests were selected since start or reset (profiled requests are the store's request count).</summary>
    internal struct SelectionCounts
    {
        public long Triggered;
        public long Unprofiled;
        public long OverCap;
        public long RefusedTriggers;
    }
}
