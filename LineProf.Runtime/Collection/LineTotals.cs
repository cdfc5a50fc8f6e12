using System.Collections.Generic;

namespace LineProf.Collection
{
    /// <summary>Figures per probe id, summed. Not thread-safe: its owner locks around it.</summary>
    internal sealed class LineTotals
    {
        private readonly Dictionary<int, LineCounter> _lines = new Dictionary<int, LineCounter>();

        public int Count => _lines.Count;

        public void Add(int probe, LineCounter figures)
        {
            _lines.TryGetValue(probe, out var line);
            line.Add(figures);
            _lines[probe] = line;
        }

        public void AddAll(LineTotals other)
        {
            foreach (var pair in other._lines) Add(pair.Key, pair.Value);
        }

        public void AddAll(IReadOnlyList<LineSample> lines)
        {
            for (int i = 0; i < lines.Count; i++) Add(lines[i].Probe, lines[i].Figures);
        }

        public void Clear() => _lines.Clear();

        /// <summary>The lines in probe-id order, which is source order within a method.</summary>
        public LineSample[] ToArray()
        {
            var result = new LineSample[_lines.Count];
            int i = 0;
            foreach (var pair in _lines) result[i++] = new LineSample(pair.Key, pair.Value);
            System.Array.Sort(result, (a, b) => a.Probe.CompareTo(b.Probe));
            return result;
        }
    }

    /// <summary>A line's figures under its probe id.</summary>
    internal readonly struct LineSample
    {
        public LineSample(int probe, LineCounter figures)
        {
            Probe = probe;
            Figures = figures;
        }

        public int Probe { get; }
        public LineCounter Figures { get; }
        public long Hits => Figures.Hits;
        public long Ticks => Figures.Ticks;
        public long SelfTicks => Figures.SelfTicks;
        public long Calls => Figures.Calls;
        public long MethodTicks => Figures.MethodTicks;
    }
}
