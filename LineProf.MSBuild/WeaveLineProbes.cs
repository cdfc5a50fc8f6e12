using System;
using System.IO;
using System.Linq;
using LineProf.Weaving;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LineProf.MSBuild
{
    /// <summary>
    /// Weaves line probes into the compiler's output (obj/…/App.dll) right after compilation, so that bin/,
    /// publish and ReadyToRun all see the woven code. A thin shell over <see cref="AssemblyWeaver"/>.
    /// </summary>
    public sealed class WeaveLineProbes : Task
    {
        /// <summary>The intermediate assembly.</summary>
        [Required]
        public string AssemblyPath { get; set; } = "";

        /// <summary>The LineProf.Runtime.dll the probes call.</summary>
        [Required]
        public string RuntimeAssemblyPath { get; set; } = "";

        /// <summary>@(ReferencePath): what the project compiled against.</summary>
        public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>$(LineProfileInclude): semicolon-separated globs over Namespace.Type.Method or file paths.</summary>
        public string? Include { get; set; }

        /// <summary>$(LineProfileExclude): semicolon-separated globs over Namespace.Type.Method or file paths.</summary>
        public string? Exclude { get; set; }

        /// <summary>$(LineProfileGeneratedCode): true to weave generated code too.</summary>
        public bool GeneratedCode { get; set; }

        /// <summary>$(LineProfileTimeSmallMembers): true to time small members (getters, forwarding overloads) instead of counting them.</summary>
        public bool TimeSmallMembers { get; set; }

        /// <summary>The folders whose files are generated: obj/ and where source generators' files are written.</summary>
        public string[] GeneratedFolders { get; set; } = Array.Empty<string>();

        /// <summary>$(MSBuildProjectDirectory): a generated folder set to it (or above it) would hold the user's own code.</summary>
        public string? ProjectDirectory { get; set; }

        /// <summary>$(PathMap), to find source files whose paths the compiler mapped.</summary>
        public string? PathMap { get; set; }

        /// <summary>$(KeyOriginatorFile) when the project signs and does not delay-sign.</summary>
        public string? StrongNameKeyFile { get; set; }

        public override bool Execute()
        {
            var request = new WeaveRequest(AssemblyPath, RuntimeAssemblyPath)
            {
                ReferencePaths = References.Select(r => r.GetMetadata("FullPath")).Where(p => !string.IsNullOrEmpty(p)).ToList(),
                Options = new WeaveOptions
                {
                    Include = WeaveOptions.SplitGlobs(Include),
                    Exclude = WeaveOptions.SplitGlobs(Exclude),
                    PathMap = PathMap,
                    IncludeGeneratedCode = GeneratedCode,
                    TimeSmallMembers = TimeSmallMembers,
                    GeneratedFolders = GeneratedFolders.Where(f => !string.IsNullOrWhiteSpace(f) && !Holds(f, ProjectDirectory)).ToList(),
                },
                StrongNameKeyFile = string.IsNullOrWhiteSpace(StrongNameKeyFile) ? null : StrongNameKeyFile,
            };

            new AssemblyWeaver(new MSBuildWeaveLog(Log)).Weave(request);
            return !Log.HasLoggedErrors;
        }

        /// <summary>Whether <paramref name="project"/> is <paramref name="folder"/> or inside it.</summary>
        private static bool Holds(string folder, string? project)
        {
            if (string.IsNullOrEmpty(project)) return false;
            var outer = Path.GetFullPath(folder).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
            var inner = Path.GetFullPath(project).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
            return inner.StartsWith(outer, StringComparison.OrdinalIgnoreCase);
        }
    }
}
