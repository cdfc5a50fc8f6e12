using System;
using System.Collections.Generic;

namespace LineProf.LineCosts
{
    /// <summary>What a line costs beyond time: a database command or an outgoing HTTP call.</summary>
    internal static class CostKinds
    {
        internal const string Database = "db";
        internal const string Http = "http";
    }

    /// <summary>
    /// One kind of command with one text, issued by one line: how many times, for how long, and (summed over
    /// requests) the most times in any one request, which is what flags a likely N+1.
    /// </summary>
    internal readonly struct CostSample
    {
        public CostSample(int probe, string kind, string text, long count, long ticks, long maxPerRequest)
        {
            Probe = probe;
            Kind = kind;
            Text = text;
            Count = count;
            Ticks = ticks;
            MaxPerRequest = maxPerRequest;
        }

        /// <summary>The line that issued it; 0 when no profiled line of the request was running on the issuing thread.</summary>
        public int Probe { get; }

        public string Kind { get; }

        /// <summary>The command text (database), or method, host and path separated by <c>\n</c> (HTTP).</summary>
        public string Text { get; }

        public long Count { get; }

        /// <summary>Time from the provider's start event to its end event, <see cref="Collection.ProbeClock"/> ticks.</summary>
        public long Ticks { get; }

        public long MaxPerRequest { get; }
    }

    /// <summary>
    /// Costs summed per (line, kind, text). Not thread-safe: its owner locks around it. Holds at most
    /// <see cref="MaxTexts"/> distinct entries: beyond, a line's further texts are summed under <see cref="OtherTexts"/>,
    /// so an app that inlines values into its SQL cannot grow it without bound.
    /// </summary>
    internal sealed class CostTotals
    {
        internal const int MaxTexts = 2000;
        internal const string OtherTexts = "(other texts)";

        private readonly Dictionary<(int Probe, string Kind, string Text), Figures> _costs = new Dictionary<(int, string, string), Figures>();

        public int Count => _costs.Count;

        /// <summary>One command of one request.</summary>
        public void Add(int probe, string kind, string text, long ticks) => Add(new CostSample(probe, kind, text, 1, ticks, 1), addToMax: true);

        /// <summary>A whole request's costs: each entry's count is also a candidate for the most in one request.</summary>
        public void AddRequest(IReadOnlyList<CostSample> costs)
        {
            for (int i = 0; i < costs.Count; i++) Add(costs[i], addToMax: false);
        }

        /// <summary>Costs already summed over requests (another endpoint's, the store's).</summary>
        public void AddAll(CostTotals other)
        {
            foreach (var sample in other.ToArray()) Add(sample, addToMax: false);
        }

        public void Clear() => _costs.Clear();

        public CostSample[] ToArray()
        {
            var result = new CostSample[_costs.Count];
            int i = 0;
            foreach (var pair in _costs)
                result[i++] = new CostSample(pair.Key.Probe, pair.Key.Kind, pair.Key.Text, pair.Value.Count, pair.Value.Ticks, pair.Value.Max);
            Array.Sort(result, (a, b) => a.Probe != b.Probe ? a.Probe.CompareTo(b.Probe) : b.Count.CompareTo(a.Count));
            return result;
        }

        /// <summary>
        /// Within one request (<paramref name="addToMax"/>) the most in one request grows with the count; across
        /// requests it is the largest of theirs.
        /// </summary>
        private void Add(CostSample sample, bool addToMax)
        {
            var key = (sample.Probe, sample.Kind, sample.Text);
            if (!_costs.TryGetValue(key, out var figures) && _costs.Count >= MaxTexts) key = (sample.Probe, sample.Kind, OtherTexts);
            _costs.TryGetValue(key, out figures);
            figures.Count += sample.Count;
            figures.Ticks += sample.Ticks;
            figures.Max = addToMax ? figures.Max + sample.MaxPerRequest : Math.Max(figures.Max, sample.MaxPerRequest);
            _costs[key] = figures;
        }

        private struct Figures
        {
            public long Count;
            public long Ticks;
            public long Max;
        }
    }
}
