using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LineProf.LineMaps
{
    /// <summary>What the weaver recorded about one probe id: where its line is and what it says.</summary>
    internal sealed class LineMapEntry
    {
        public LineMapEntry(string file, int line, string method, string source, bool counted = false)
        {
            File = file;
            Line = line;
            Method = method;
            Source = source;
            Counted = counted;
        }

        /// <summary>The document path as the PDB records it.</summary>
        public string File { get; }

        /// <summary>1-based.</summary>
        public int Line { get; }

        /// <summary>
        /// The source method a user would name (state machines, lambdas and local functions mapped back), distinct for
        /// every source method of a type: overloads carry their parameter types.
        /// </summary>
        public string Method { get; }

        /// <summary>
        /// The text of the statement that starts on the line, all its lines joined by '\n', read at build time; empty when
        /// the source was not available.
        /// </summary>
        public string Source { get; }

        /// <summary>
        /// The line is only ever run by small members that are counted, not timed (one line, no loop): its hits are
        /// exact, its time is in the line that called it.
        /// </summary>
        public bool Counted { get; }
    }

    /// <summary>
    /// The line map's binary form, stored as a manifest resource in the woven assembly. Compiled into both the
    /// weaver (which writes it) and the runtime (which reads it). Documents and methods are stored once each.
    /// After the rows comes the list of counted rows (<see cref="LineMapEntry.Counted"/>), by index.
    /// </summary>
    internal static class LineMapFormat
    {
        private static readonly byte[] s_magic = { (byte)'L', (byte)'P', (byte)'L', (byte)'M' };

        public static byte[] Write(IReadOnlyList<LineMapEntry> entries)
        {
            var documents = new Interner();
            var methods = new Interner();
            var rows = new List<(int Document, int Line, int Method, string Source)>(entries.Count);
            foreach (var entry in entries)
                rows.Add((documents.Index(entry.File), entry.Line, methods.Index(entry.Method), entry.Source));

            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, new UTF8Encoding(false), leaveOpen: true))
            {
                writer.Write(s_magic);
                writer.Write(ProbeContract.Version);
                documents.WriteTo(writer);
                methods.WriteTo(writer);
                writer.Write(rows.Count);
                foreach (var row in rows)
                {
                    writer.Write(row.Document);
                    writer.Write(row.Line);
                    writer.Write(row.Method);
                    writer.Write(row.Source);
                }

                var counted = new List<int>();
                for (int i = 0; i < entries.Count; i++)
                    if (entries[i].Counted) counted.Add(i);
                writer.Write(counted.Count);
                foreach (int row in counted) writer.Write(row);
            }

            return stream.ToArray();
        }

        /// <exception cref="InvalidDataException">The data is not a line map of this contract version.</exception>
        public static LineMapEntry[] Read(Stream stream)
        {
            using var reader = new BinaryReader(stream, new UTF8Encoding(false), leaveOpen: true);
            try
            {
                var magic = reader.ReadBytes(s_magic.Length);
                if (magic.Length != s_magic.Length || magic[0] != s_magic[0] || magic[1] != s_magic[1] ||
                    magic[2] != s_magic[2] || magic[3] != s_magic[3])
                    throw new InvalidDataException("not a LineProf line map");
                int version = reader.ReadInt32();
                if (version != ProbeContract.Version)
                    throw new InvalidDataException($"line map version {version}, expected {ProbeContract.Version}");

                var documents = ReadStrings(reader);
                var methods = ReadStrings(reader);
                var rows = new (int Document, int Line, int Method, string Source)[ReadCount(reader)];
                for (int i = 0; i < rows.Length; i++)
                    rows[i] = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadString());

                var counted = new bool[rows.Length];
                int count = ReadCount(reader);
                for (int i = 0; i < count; i++) counted[reader.ReadInt32()] = true;

                var entries = new LineMapEntry[rows.Length];
                for (int i = 0; i < rows.Length; i++)
                    entries[i] = new LineMapEntry(documents[rows[i].Document], rows[i].Line, methods[rows[i].Method], rows[i].Source, counted[i]);
                return entries;
            }
            catch (Exception e) when (e is EndOfStreamException || e is IndexOutOfRangeException || e is IOException)
            {
                throw new InvalidDataException("truncated or corrupt LineProf line map", e);
            }
        }

        private static string[] ReadStrings(BinaryReader reader)
        {
            var strings = new string[ReadCount(reader)];
            for (int i = 0; i < strings.Length; i++) strings[i] = reader.ReadString();
            return strings;
        }

        private static int ReadCount(BinaryReader reader)
        {
            int count = reader.ReadInt32();
            if (count < 0 || count > reader.BaseStream.Length) throw new InvalidDataException("corrupt LineProf line map");
            return count;
        }

        private sealed class Interner
        {
            private readonly Dictionary<string, int> _indexes = new Dictionary<string, int>(StringComparer.Ordinal);
            private readonly List<string> _values = new List<string>();

            public int Index(string value)
            {
                if (!_indexes.TryGetValue(value, out int index))
                {
                    index = _values.Count;
                    _indexes.Add(value, index);
                    _values.Add(value);
                }

                return index;
            }

            public void WriteTo(BinaryWriter writer)
            {
                writer.Write(_values.Count);
                foreach (var value in _values) writer.Write(value);
            }
        }
    }
}
