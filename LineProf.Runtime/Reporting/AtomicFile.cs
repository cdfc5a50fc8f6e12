using System;
using System.IO;

namespace LineProf.Reporting
{
    /// <summary>
    /// Replaces a file so that readers see the old content or the new, never a torn mix: the new content is written
    /// (and, when durable, flushed to disk) to a temporary file in the same folder, then renamed over the old one.
    /// </summary>
    internal static class AtomicFile
    {
        private const string TemporarySuffix = ".tmp";
        private const int TemporaryIdLength = 12;

        /// <summary>
        /// Writes <paramref name="content"/> to <paramref name="path"/>. <paramref name="durable"/> waits until the disk
        /// has it, so a power cut cannot leave an empty file; a process about to be killed (a test host) has no time for
        /// that wait, and the rename alone already survives the process.
        /// </summary>
        internal static void Write(string path, byte[] content, bool durable = true)
        {
            var temp = path + "." + Guid.NewGuid().ToString("N").Substring(0, TemporaryIdLength) + TemporarySuffix;
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: durable);
                }

                Replace(temp, path);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>
        /// Deletes the temporary files of earlier writes to <paramref name="path"/> that never got renamed (the
        /// process was killed mid-write) and are older than <paramref name="age"/>: a younger one may be another
        /// process's write under way into the same folder. True if such a younger one is left, to be judged again later.
        /// </summary>
        internal static bool DeleteAbandonedTemporaries(string path, TimeSpan age)
        {
            var folder = Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder)) return false;
            var prefix = Path.GetFileName(path) + ".";
            var before = DateTime.UtcNow - age;
            bool youngerLeft = false;
            foreach (var temp in Directory.EnumerateFiles(folder!, prefix + "*" + TemporarySuffix))
            {
                if (!IsOurs(Path.GetFileName(temp), prefix)) continue;
                if (File.GetLastWriteTimeUtc(temp) < before) TryDelete(temp);
                else youngerLeft = true;
            }

            return youngerLeft;
        }

        /// <summary>Only names this class makes: the target's name, a dot, twelve hex digits and .tmp.</summary>
        private static bool IsOurs(string name, string prefix)
        {
            if (name.Length != prefix.Length + TemporaryIdLength + TemporarySuffix.Length) return false;
            for (int i = prefix.Length; i < prefix.Length + TemporaryIdLength; i++)
            {
                char c = name[i];
                if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
            }

            return true;
        }

        private static void Replace(string temp, string path)
        {
            // netstandard2.0 has no overwriting Move; Replace needs the target to exist. A target deleted in between
            // fails this write, which is retried at the next one.
            if (File.Exists(path))
                File.Replace(temp, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
            else
                File.Move(temp, path);
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception)
            {
                // Best effort: the next start-up deletes what is left once it is old enough.
            }
        }
    }
}
