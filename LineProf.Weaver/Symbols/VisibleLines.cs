using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Symbols
{
    /// <summary>
    /// A method's sequence points that mark source lines: those a debugger stops at and LineProf probes. Hidden ones
    /// mark the compiler's own plumbing.
    /// </summary>
    internal static class VisibleLines
    {
        /// <summary>The method's first source line in IL order, or null if it has none.</summary>
        public static SequencePoint? First(MethodDefinition method) =>
            method.DebugInformation.HasSequencePoints ? method.DebugInformation.SequencePoints.FirstOrDefault(p => !p.IsHidden) : null;
    }
}
