using System.Collections.Generic;
using System.Linq;
using LineProf.LineMaps;
using LineProf.Weaving.Symbols;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Planning
{
    /// <summary>
    /// Hands out assembly-local line ids, one per line of each source method, and records for each the document, the
    /// line, the method and the text of the statement that starts there (all its lines: a query continued over several
    /// lines reads whole), which becomes the line map stored in the woven assembly.
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
        private readonly List<Row> _rows = new List<Row>();
        private readonly SourceLines _sources;

        public LineMapBuilder(SourceLines sources)
        {
            _sources = sources;
        }

        public int Count => _rows.Count;

        /// <summary>The line map, with each line's text read now that every statement's last line is known.</summary>
        public IReadOnlyList<LineMapEntry> Entries() =>
            _rows.Select(r => new LineMapEntry(r.Document.Url, r.Line, _methodNames[r.Method], _sources.Statement(r.Document, r.Line, r.EndLine),
                counted: r.Counted && !r.Timed)).ToList();

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

        /// <summary>The id of the line <paramref name="point"/> starts on, in <paramref name="method"/>.</summary>
        public int LineId(int method, SequencePoint point)
        {
            var key = (method, DocumentIndex(point.Document), point.StartLine);
            if (!_ids.TryGetValue(key, out int id))
            {
                id = _rows.Count;
                _ids.Add(key, id);
                _rows.Add(new Row(point.Document, point.StartLine, method));
            }

            // Several points can start on a line (a for loop's three parts); the longest says where its statement ends.
            var row = _rows[id];
            if (point.EndLine > row.EndLine) row.EndLine = point.EndLine;
            return id;
        }

        /// <summary>
        /// Records how a planned method's lines are run: a line is counted (its time is its caller's) only when every
        /// method that runs it is counted; a one-line lambda on a timed line leaves that line timed.
        /// </summary>
        public void Planned(IEnumerable<int> lineIds, bool countedOnly)
        {
            foreach (int id in lineIds)
            {
                if (countedOnly) _rows[id].Counted = true;
                else _rows[id].Timed = true;
            }
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

        private sealed class Row
        {
            public Row(Document document, int line, int method)
            {
                Document = document;
                Line = line;
                EndLine = line;
                Method = method;
            }

            public Document Document { get; }
            public int Line { get; }
            public int Method { get; }
            public int EndLine { get; set; }
            public bool Counted { get; set; }
            public bool Timed { get; set; }
        }
    }
}
