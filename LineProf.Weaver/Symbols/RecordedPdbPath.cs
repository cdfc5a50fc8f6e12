using System;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Symbols
{
    /// <summary>
    /// Keeps the PDB path the compiler wrote in the assembly's CodeView debug entry. Cecil records the path of the
    /// file it writes the PDB to, which for LineProf is a temporary one: gone after the move, different on every build
    /// (so the output was not deterministic), and blind to the compiler's PathMap.
    /// </summary>
    internal sealed class RecordedPdbPath : ISymbolWriterProvider
    {
        /// <summary>"RSDS", the PDB id (16 bytes) and its age (4 bytes) come before the path.</summary>
        private const int PathOffset = 24;
        private const uint CodeViewSignature = 0x53445352;

        private readonly ISymbolWriterProvider _inner;
        private readonly byte[] _path;

        private RecordedPdbPath(ISymbolWriterProvider inner, byte[] path)
        {
            _inner = inner;
            _path = path;
        }

        /// <summary><paramref name="inner"/>, made to record the path <paramref name="original"/> records, if it records one.</summary>
        public static ISymbolWriterProvider Keep(ISymbolWriterProvider inner, ModuleDefinition original)
        {
            var path = PathIn(original);
            return path == null ? inner : new RecordedPdbPath(inner, path);
        }

        public ISymbolWriter GetSymbolWriter(ModuleDefinition module, string fileName) => new Writer(_inner.GetSymbolWriter(module, fileName), _path);

        public ISymbolWriter GetSymbolWriter(ModuleDefinition module, Stream symbolStream) => new Writer(_inner.GetSymbolWriter(module, symbolStream), _path);

        /// <summary>The path bytes (UTF-8, without the terminating NUL) of the module's CodeView entry, or null.</summary>
        private static byte[]? PathIn(ModuleDefinition module)
        {
            if (!module.HasDebugHeader) return null;
            var codeView = module.GetDebugHeader().Entries.FirstOrDefault(IsCodeView);
            if (codeView == null) return null;
            int end = Array.IndexOf(codeView.Data, (byte)0, PathOffset);
            return end < 0 ? null : codeView.Data.Skip(PathOffset).Take(end - PathOffset).ToArray();
        }

        private static bool IsCodeView(ImageDebugHeaderEntry entry) =>
            entry.Directory.Type == ImageDebugType.CodeView && entry.Data.Length > PathOffset && BitConverter.ToUInt32(entry.Data, 0) == CodeViewSignature;

        private sealed class Writer : ISymbolWriter
        {
            private readonly ISymbolWriter _inner;
            private readonly byte[] _path;

            public Writer(ISymbolWriter inner, byte[] path)
            {
                _inner = inner;
                _path = path;
            }

            public ImageDebugHeader GetDebugHeader()
            {
                var header = _inner.GetDebugHeader();
                return new ImageDebugHeader(header.Entries.Select(e => IsCodeView(e) ? WithPath(e) : e).ToArray());
            }

            public ISymbolReaderProvider GetReaderProvider() => _inner.GetReaderProvider();

            public void Write(MethodDebugInformation info) => _inner.Write(info);

            public void Write() => _inner.Write();

            public void Write(ICustomDebugInformationProvider provider) => _inner.Write(provider);

            public void Dispose() => _inner.Dispose();

            /// <summary>The entry with its id and age as Cecil computed them for the new PDB, and the original path.</summary>
            private ImageDebugHeaderEntry WithPath(ImageDebugHeaderEntry entry)
            {
                var data = new byte[PathOffset + _path.Length + 1];
                Buffer.BlockCopy(entry.Data, 0, data, 0, PathOffset);
                Buffer.BlockCopy(_path, 0, data, PathOffset, _path.Length);
                var directory = entry.Directory;
                directory.SizeOfData = data.Length;
                return new ImageDebugHeaderEntry(directory, data);
            }
        }
    }
}
