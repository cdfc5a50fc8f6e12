using System;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Symbols
{
    /// <summary>Which symbols an assembly has, so they can be read and written back in the same form.</summary>
    internal enum SymbolForm
    {
        /// <summary>No PDB beside the assembly and none embedded.</summary>
        None,

        /// <summary>A portable PDB embedded in the assembly (DebugType embedded).</summary>
        Embedded,

        /// <summary>A portable PDB file beside the assembly (DebugType portable).</summary>
        Portable,

        /// <summary>A Windows (MSF) PDB beside the assembly (DebugType full or pdbonly on Windows).</summary>
        Windows,
    }

    internal static class SymbolFiles
    {
        private static readonly byte[] s_msfHeader = System.Text.Encoding.ASCII.GetBytes("Microsoft C/C++ MSF 7.00");

        public static string PdbPathOf(string assemblyPath) => Path.ChangeExtension(assemblyPath, ".pdb");

        public static SymbolForm FormOf(ModuleDefinition module, string assemblyPath)
        {
            if (module.HasDebugHeader && module.GetDebugHeader().Entries.Any(e => e.Directory.Type == ImageDebugType.EmbeddedPortablePdb))
                return SymbolForm.Embedded;

            var pdb = PdbPathOf(assemblyPath);
            if (!File.Exists(pdb)) return SymbolForm.None;
            return StartsWith(pdb, s_msfHeader) ? SymbolForm.Windows : SymbolForm.Portable;
        }

        public static ISymbolReader Reader(ModuleDefinition module, SymbolForm form, string assemblyPath) => form switch
        {
            SymbolForm.Embedded => new EmbeddedPortablePdbReaderProvider().GetSymbolReader(module, assemblyPath),
            SymbolForm.Portable => new PortablePdbReaderProvider().GetSymbolReader(module, PdbPathOf(assemblyPath)),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "no readable symbols"),
        };

        public static ISymbolWriterProvider Writer(SymbolForm form) => form == SymbolForm.Embedded
            ? new EmbeddedPortablePdbWriterProvider()
            : (ISymbolWriterProvider)new PortablePdbWriterProvider();

        private static bool StartsWith(string path, byte[] prefix)
        {
            using var stream = File.OpenRead(path);
            var head = new byte[prefix.Length];
            int read = stream.Read(head, 0, head.Length);
            return read == prefix.Length && head.SequenceEqual(prefix);
        }
    }
}
