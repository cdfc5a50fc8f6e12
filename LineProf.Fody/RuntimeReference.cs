using System;
using System.IO;
using System.Linq;
using LineProf.Weaving;
using Mono.Cecil;

namespace LineProf.Fody
{
    /// <summary>
    /// Finds the LineProf.Runtime the project compiles against among its references (it comes from the LineProf.Runtime
    /// package that LineProf.Fody depends on), so the woven code calls the very assembly that is copied beside the app.
    /// </summary>
    internal static class RuntimeReference
    {
        private const string FileName = ProbeRuntime.AssemblyName + ".dll";

        /// <summary>The reference woven code uses for the runtime, or null with an error logged.</summary>
        public static AssemblyNameReference? Find(string references, IWeaveLog log)
        {
            var path = references.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(p => string.Equals(Path.GetFileName(p.Trim()), FileName, StringComparison.OrdinalIgnoreCase))?.Trim();
            if (path == null)
            {
                log.Write(WeaveMessageLevel.Error, "LP0402", $"{FileName} is not among the project's references, so woven code would have nothing to call. " +
                    "The LineProf.Fody package brings it through its dependency on the LineProf.Runtime package: check that the " +
                    "PackageReference to LineProf.Fody does not exclude compile or runtime assets (IncludeAssets/ExcludeAssets).");
                return null;
            }

            try
            {
                using var runtime = ModuleDefinition.ReadModule(path, new ReaderParameters { InMemory = true });
                var name = ProbeRuntime.ReferenceTo(runtime);
                if (name == null)
                {
                    log.Write(WeaveMessageLevel.Error, "LP0203", $"{path} is not a LineProf.Runtime this weaver can call. " +
                        "Reference the LineProf.Runtime package of the same version as LineProf.Fody.");
                }

                return name;
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException)
            {
                log.Write(WeaveMessageLevel.Error, "LP0203", $"LineProf.Runtime could not be read from {path}: {e.Message}");
                return null;
            }
        }
    }
}
