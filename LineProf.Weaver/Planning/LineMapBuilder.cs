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
        // Keys are small integers: hashing a method's display name and a document's path at every sequence point
        // was a measurable share of weaving a large assembly.
        private readonly Dictionary<(int Method, int Document, int Line), int> _ids = new Dictionary<(int, int, int), int>();
        private readonly Dictionary<string, int> _methods = new Dictionary<string, int>(System.StringComparer.Ordinal);
        private readonly List<string> _methodNames = new List<string>();
        private readonly Dictionary<Document, int> _documents = new Dictionary<Document, int>();
        private readonly Dictionary<string, int> _documentsByPath = new Dictionary<string, int>(System.StringComparer.Ordinal);
        private readonly List<LineMapEntry> _entries = new List<LineMapEntry>();
        private readonly SourceLines _sources;

        public LineMapBuilder(SourceLines sources)
        {
            _sources = sources;
        }

        public int Count => _entries.Count;

        public IReadOnlyList<LineMapEntry> Entries => _entries;

        /// <summary>The index that stands for the source method <paramref name="displayName"/> in <see cref="LineId"/>.</summary>
        public int MethodIndex(string displayName)
        {
            if (!_methods.TryGetValue(displayName, out int index))
            {
                index = _methodNames.Count;
                _methods.Add(displayName, index);
                _methodNames.Add(displayName);
            }

            return index;
        }

        public int LineId(int method, Document document, int line)
        {
            var key = (method, DocumentIndex(document), line);
            if (!_ids.TryGetValue(key, out int id))
            {
                id = _entries.Count;
                _ids.Add(key, id);
                _entries.Add(new LineMapEntry(document.Url, line, _methodNames[method], _sources.Line(document, line)));
            }

            return id;
        }

        /// <summary>Documents by identity first; two document records with the same path are one document.</summary>
        private int DocumentIndex(Document document)
        {
            if (_documents.TryGetValue(document, out int index)) return index;
            if (!_documentsByPath.TryGetValue(document.Url, out index))
            {
                index = _documentsByPath.Count;
                _documentsByPath.Add(document.Url, index);
            }

            _documents.Add(document, index);
            return index;
        }
    }
}
