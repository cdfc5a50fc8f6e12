using System.Linq;
using Mono.Cecil;

namespace LineProf.Weaving
{
    /// <summary>
    /// Checks that an assembly is a LineProf.Runtime this weaver can call and names it as woven modules will
    /// reference it. Each shell finds the runtime its own way (the MSBuild task is given a path, Fody finds it among
    /// the project's references); both must agree on what makes one acceptable.
    /// </summary>
    public static class ProbeRuntime
    {
        /// <summary>The runtime's assembly name, which is also its file name without ".dll".</summary>
        public const string AssemblyName = ProbeContract.RuntimeAssembly;

        /// <summary>
        /// The reference woven modules use for <paramref name="runtime"/>, or null when it lacks the probe type or any
        /// probe method this weaver emits calls to.
        /// </summary>
        public static AssemblyNameReference? ReferenceTo(ModuleDefinition runtime)
        {
            var probe = runtime.GetType(ProbeContract.ProbeNamespace + "." + ProbeContract.ProbeType);
            if (probe == null || !ProbeContract.Methods.All(m => probe.Methods.Any(d => d.Name == m))) return null;

            var name = runtime.Assembly.Name;
            return new AssemblyNameReference(name.Name, name.Version) { PublicKeyToken = name.PublicKeyToken, Culture = name.Culture };
        }
    }
}
