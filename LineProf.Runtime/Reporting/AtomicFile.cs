using System;
using System.IO;

namespace LineProf.Reporting
{
    /// <summary>
    /// Replaces a file so that readers see the old content or the new, never a torn mix: the new content is written
    /// and flushed to a temporary file in the same folder, then renamed over the old one.
    /// </summary>
    internal static class AtomicFile
    {
        internal static void Write(string path, byte[] content)
        {
            var temp = path + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp";
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                Replace(temp, path);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        private static void Replace(string temp, string path)
        {
            try
            {
                File.Move(temp, path);
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // The usual case after the first write: fall through to a rename over the existing file.
            }

            File.Replace(temp, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception)
            {
                // Best effort: a leftover temporary file is harmless and the next write uses a new name.
            }
        }
    }
}
