using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace LineProf.Fody
{
    /// <summary>
    /// Tells the code the compiler wrote from code that weavers listed before LineProf in FodyWeavers.xml added to the
    /// module earlier in the same Fody pass. Such code can carry sequence points of its own sources (Costura's assembly
    /// loader does) but is not the user's, and weaving it can break the app: a woven Costura loader needs
    /// LineProf.Runtime before it has loaded it. The compiler's documents are those of the methods read from the
    /// compiled file (methods created in memory have no metadata row until Fody writes the module); a method counts as
    /// the user's when one of its lines is in them, which also keeps a body another weaver moved into a new method.
    /// </summary>
    internal sealed class CompiledCode
    {
        private readonly HashSet<string> _documents = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _others = new List<string>();

        public CompiledCode(ModuleDefinition module)
        {
            foreach (var method in module.GetTypes().SelectMany(t => t.Methods))
            {
                if (method.MetadataToken.RID == 0 || !method.DebugInformation.HasSequencePoints) continue;
                foreach (var point in method.DebugInformation.SequencePoints) _documents.Add(point.Document.Url);
            }
        }

        /// <summary>Methods with lines that <see cref="Contains"/> turned down, for the build log.</summary>
        public IReadOnlyList<string> Others => _others;

        public bool Contains(MethodDefinition method)
        {
            if (method.DebugInformation.HasSequencePoints &&
                method.DebugInformation.SequencePoints.Any(p => !p.IsHidden && _documents.Contains(p.Document.Url)))
                return true;

            _others.Add(method.DeclaringType.FullName + "." + method.Name);
            return false;
        }
    }
}
