using System.Collections.Generic;

namespace LineProf.Weaving
{
    /// <summary>One assembly to weave in place, and what weaving it needs.</summary>
    public sealed class WeaveRequest
    {
        public WeaveRequest(string assemblyPath, string runtimeAssemblyPath)
        {
            AssemblyPath = assemblyPath;
            RuntimeAssemblyPath = runtimeAssemblyPath;
        }

        /// <summary>The compiler's output (obj/…/App.dll); its PDB is found beside it or inside it.</summary>
        public string AssemblyPath { get; }

        /// <summary>The LineProf.Runtime.dll the woven code will call.</summary>
        public string RuntimeAssemblyPath { get; }

        /// <summary>The assemblies the project compiled against, to resolve types while writing.</summary>
        public IList<string> ReferencePaths { get; set; } = new List<string>();

        public WeaveOptions Options { get; set; } = new WeaveOptions();

        /// <summary>The strong-name key file to re-sign with, when the project signs (and does not delay-sign).</summary>
        public string? StrongNameKeyFile { get; set; }
    }
}
