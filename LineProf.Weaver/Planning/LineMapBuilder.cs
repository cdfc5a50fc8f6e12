using System.Collections.Generic;
using LineProf.LineMaps;
using LineProf.Weaving.Symbols;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Hands out assembly-local line ids, one per line of each source method, and records for each the document, the
    /// line, the method and the line's text, which becomes the line map stored in the woven assembly.
    /// </summary>
    internal sealed class LineMapBuilder
    {
        private readonly Dictionary<(string Method, string File, int Line), int> _ids = new Dictionary<(string, string, int), int>();
        private readonly List<LineMapEntry> _entries = new List<LineMapEntry>();
        private readonly SourceLines _sources;

        public LineMapBuilder(SourceLines sources)
        {
            _sources = sources;
        }

        public int Count => _entries.Count;

        public IReadOnlyList<LineMapEntry> Entries => _entries;

        public int LineId(string method, Document document, int line)
        {
            var key = (method, document.Url, line);
            if (!_ids.TryGetValue(key, out int id))
            {
                id = _entries.Count;
                _ids.Add(key, id);
                _entries.Add(new LineMapEntry(document.Url, line, method, _sources.Line(document, line)));
            }

            return id;
        }
    }
}
