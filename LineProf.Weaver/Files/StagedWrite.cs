using System;
using System.Collections.Generic;
using System.IO;

namespace LineProf.Weaving.Files
{
    /// <summary>
    /// Writes a woven module and its PDB to a temporary folder beside the originals, then moves both over them.
    /// Either both originals are replaced or neither: the targets are checked before anything moves, and if the
    /// second move still fails, the first is undone from its backup.
    /// </summary>
    internal sealed class StagedWrite
    {
        /// <summary>How the temporary folders are named, so a later build can remove those a killed build left.</summary>
        public const string FolderPrefix = ".lineprof-";

        private readonly string _folder;

        public StagedWrite(string assemblyPath)
        {
            _folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(assemblyPath)) ?? ".",
                FolderPrefix + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(_folder);
        }

        /// <summary>Where the woven assembly is written first, with the same file name as its original.</summary>
        public string PathFor(string target) => Path.Combine(_folder, Path.GetFileName(target));

        /// <summary>
        /// Replaces each target with its staged file, in order. Null on success; otherwise why not, with every target
        /// as it was.
        /// </summary>
        public string? ReplaceAll(IReadOnlyList<string> targets)
        {
            var problem = FileRetry.Until(() => FileRetry.Replaceable(targets));
            if (problem != null) return problem;

            var replaced = new List<string>();
            foreach (var target in targets)
            {
                problem = FileRetry.Until(() => Replace(PathFor(target), target, BackupOf(target)));
                if (problem == null)
                {
                    replaced.Add(target);
                    continue;
                }

                // Same folder tree, same volume: renames, so each original comes back whole.
                for (int i = replaced.Count - 1; i >= 0; i--) File.Replace(BackupOf(replaced[i]), replaced[i], null, ignoreMetadataErrors: true);
                return problem;
            }

            return null;
        }

        /// <summary>Removes the temporary folder; returns why it could not, or null.</summary>
        public string? Clean()
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return e.Message;
            }
        }

        private string BackupOf(string target) => Path.Combine(_folder, Path.GetFileName(target) + ".original");

        private static string? Replace(string staged, string target, string backup)
        {
            try
            {
                // A rename: readers see the old file or the new one, never a mix.
                File.Replace(staged, target, backup, ignoreMetadataErrors: true);
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return $"{target} could not be replaced: {e.Message}";
            }
        }
    }
}
