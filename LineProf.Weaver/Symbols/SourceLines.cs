using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Symbols
{
    /// <summary>
    /// The text of source lines, read at build time so reports need no source files at run time. Looks in the
    /// PDB's embedded sources first, then at the document's path, then at the path the compiler's PathMap hid.
    /// A document that cannot be found gives empty lines; weaving goes on.
    /// </summary>
    internal sealed class SourceLines
    {
        /// <summary>Longer lines are cut: a minified or generated line should not bloat the line map (the README says so).</summary>
        internal const int MaxLineLength = 400;

        /// <summary>A statement's text stops after this many lines: a long initializer should not bloat the line map either.</summary>
        internal const int MaxStatementLines = 20;

        private readonly Dictionary<string, string[]> _documents = new Dictionary<string, string[]>(StringComparer.Ordinal);
        private readonly List<(string From, string To)> _pathMap;

        public SourceLines(string? pathMap)
        {
            _pathMap = ParsePathMap(pathMap);
        }

        /// <summary>Documents whose text could not be found, for one message per build rather than one per line.</summary>
        public int MissingDocuments { get; private set; }

        /// <summary>
        /// The text of lines <paramref name="line"/> to <paramref name="endLine"/>, the span of a statement, one source
        /// line per text line; empty when the document cannot be read.
        /// </summary>
        public string Statement(Document document, int line, int endLine)
        {
            var lines = LinesOf(document);
            if (line < 1 || line > lines.Length) return "";
            int last = Math.Min(Math.Min(endLine, lines.Length), line + MaxStatementLines - 1);
            var text = new StringBuilder(Cut(lines[line - 1]));
            for (int i = line + 1; i <= last; i++) text.Append('\n').Append(Cut(lines[i - 1]));
            if (last < Math.Min(endLine, lines.Length)) text.Append("\n…");
            return text.ToString();
        }

        /// <summary>The whole text of a document as lines, or no lines when it cannot be read.</summary>
        public string[] LinesOf(Document document)
        {
            if (!_documents.TryGetValue(document.Url, out var lines))
            {
                lines = Load(document);
                if (lines.Length == 0) MissingDocuments++;
                _documents.Add(document.Url, lines);
            }

            return lines;
        }

        private static string Cut(string line)
        {
            var text = line.TrimEnd();
            return text.Length <= MaxLineLength ? text : text.Substring(0, MaxLineLength) + "…";
        }

        private string[] Load(Document document)
        {
            var text = EmbeddedText(document) ?? FileText(document.Url);
            return text == null ? new string[0] : SplitLines(text);
        }

        private static string? EmbeddedText(Document document)
        {
            if (!document.HasCustomDebugInformations) return null;
            var embedded = document.CustomDebugInformations.OfType<EmbeddedSourceDebugInformation>().FirstOrDefault();
            // Cecil hands the content over already inflated, whether or not the PDB stored it compressed.
            if (embedded?.Content == null) return null;
            var content = embedded.Content;
            return Decode(content);
        }

        private string? FileText(string path)
        {
            foreach (var candidate in Candidates(path))
            {
                try
                {
                    if (File.Exists(candidate)) return Decode(File.ReadAllBytes(candidate));
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
                {
                    // An unreadable source only costs the report its source text.
                }
            }

            return null;
        }

        private IEnumerable<string> Candidates(string path)
        {
            yield return path;
            foreach (var (from, to) in _pathMap)
            {
                if (path.StartsWith(to, StringComparison.Ordinal))
                    yield return Path.Combine(from, path.Substring(to.Length).TrimStart('/', '\\').Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar));
            }
        }

        private static string Decode(byte[] bytes)
        {
            // Embedded sources and files alike may carry a BOM; StreamReader detects UTF-8/16/32 from it.
            using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        private static string[] SplitLines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');

        internal static List<(string From, string To)> ParsePathMap(string? pathMap)
        {
            var result = new List<(string, string)>();
            if (string.IsNullOrWhiteSpace(pathMap)) return result;
            foreach (var pair in pathMap!.Split(','))
            {
                int equals = pair.IndexOf('=');
                if (equals <= 0) continue;
                result.Add((pair.Substring(0, equals).Trim(), pair.Substring(equals + 1).Trim()));
            }

            return result;
        }
    }
}
