using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fody;
using LineProf.Weaving;

namespace LineProf.Fody
{
    /// <summary>
    /// LineProf as a Fody add-in (<c>&lt;LineProf /&gt;</c> in FodyWeavers.xml): a thin shell over the same weaver core
    /// as the LineProf package's MSBuild task. Fody reads the module with its symbols, runs each configured weaver on
    /// it in turn and writes it (signing it if the project signs), so this shell only finds the runtime, reads the
    /// settings and reports what was woven.
    /// </summary>
    public sealed class ModuleWeaver : BaseModuleWeaver
    {
        /// <summary>Where LineProf.Fody's targets record the compiler's PathMap, beside the intermediate assembly.</summary>
        internal const string PathMapSuffix = ".lineprof-pathmap";

        public override void Execute()
        {
            var log = new FodyWeaveLog(this);
            var name = Path.GetFileName(AssemblyFilePath);

            var options = LineProfElement.Read(Config, ReadPathMap(), Path.GetDirectoryName(Path.GetFullPath(AssemblyFilePath)) ?? "", log);
            if (options == null) return;

            var runtime = RuntimeReference.Find(References, log);
            if (runtime == null) return;

            if (!ModuleDefinition.HasSymbols)
            {
                log.Write(WeaveMessageLevel.Warning, "LP0101", $"{name} has no PDB, so LineProf cannot tell which IL is which line. " +
                    "Set <DebugType>portable</DebugType> (or embedded) and <DebugSymbols>true</DebugSymbols>. The assembly was left as it was.", AssemblyFilePath);
                return;
            }

            var compiled = new CompiledCode(ModuleDefinition);
            options.MethodFilter = compiled.Contains;

            WeaveResult result;
            try
            {
                result = new Weaving.ModuleWeaver(options, log).Weave(ModuleDefinition, runtime);
            }
            catch (Exception e) when (!(e is WeavingException))
            {
                // Throwing (rather than logging) stops Fody from writing a module this weaver left half rewritten.
                throw new WeavingException($"LP0299: LineProf failed to weave {name}: {e.GetType().Name}: {e.Message}. The assembly was left as " +
                    "it was. This is a LineProf bug; please report it with this message. To build without profiling, remove <LineProf /> " +
                    "from FodyWeavers.xml.\n" + e);
            }

            if (compiled.Others.Count > 0)
                log.Write(WeaveMessageLevel.Detail, "LP0404", $"{compiled.Others.Count} method(s) that weavers before LineProf in FodyWeavers.xml " +
                    $"added were left unwoven, e.g. {string.Join(", ", compiled.Others.Take(3))}.");
            Report(result, name, log);
        }

        /// <summary>The probes call LineProf.Runtime by a reference built by hand; Fody need not scan anything for types.</summary>
        public override IEnumerable<string> GetAssembliesForScanning() => Enumerable.Empty<string>();

        /// <summary>
        /// Fody's clean-up would drop a reference to an assembly named like the add-in ("LineProf"). There is none:
        /// the woven module must keep its reference to LineProf.Runtime, which is what its probes call.
        /// </summary>
        public override bool ShouldCleanReference => false;

        private string? ReadPathMap()
        {
            var file = AssemblyFilePath + PathMapSuffix;
            return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }

        private void Report(WeaveResult result, string name, IWeaveLog log)
        {
            switch (result.Outcome)
            {
                case WeaveOutcome.Woven:
                    if (result.MissingSources > 0)
                        log.Write(WeaveMessageLevel.Detail, "LP0106", $"{result.MissingSources} source file(s) of {name} could not be read; their lines appear in reports without source text.");
                    log.Write(WeaveMessageLevel.Information, "LP0001", $"LineProf wove {name}: {result.Lines} lines in {result.Methods} methods.");
                    break;
                case WeaveOutcome.NothingToWeave:
                    log.Write(WeaveMessageLevel.Warning, "LP0103", $"{name} has no lines to profile: no method with sequence points was selected. " +
                        "Check the Include and Exclude attributes of <LineProf /> in FodyWeavers.xml and [NoLineProfile]. The assembly was left as it was.", AssemblyFilePath);
                    break;
                case WeaveOutcome.AlreadyWoven:
                    log.Write(WeaveMessageLevel.Detail, "LP0002", $"{name} already has LineProf probes; left as it is.");
                    break;
            }
        }
    }
}
