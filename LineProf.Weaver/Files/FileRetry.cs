using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace LineProf.Weaving.Files
{
    /// <summary>
    /// Waits briefly for files another process holds: an antivirus scan, an indexer or a second build can keep an
    /// assembly open for a moment right after the compiler wrote it.
    /// </summary>
    internal static class FileRetry
    {
        /// <summary>About two seconds in all: long enough for a scan to finish, short enough not to stall a build.</summary>
        private static readonly TimeSpan[] s_delays =
            { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1) };

        /// <summary>
        /// Runs <paramref name="attempt"/> until it returns null (success) or the retries are spent; returns the
        /// last failure's description, or null.
        /// </summary>
        public static string? Until(Func<string?> attempt)
        {
            for (int i = 0; ; i++)
            {
                var failure = attempt();
                if (failure == null || i == s_delays.Length) return failure;
                Thread.Sleep(s_delays[i]);
            }
        }

        /// <summary>
        /// Null if every file can be opened for reading; otherwise why not. A missing file is not this check's concern.
        /// </summary>
        public static string? Readable(params string[] paths)
        {
            foreach (var path in paths)
            {
                if (!File.Exists(path)) continue;
                try
                {
                    using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read)) { }
                }
                catch (IOException e) when (IsSharingViolation(e))
                {
                    return $"{path} is locked by another process";
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    return $"{path} cannot be read: {e.Message}";
                }
            }

            return null;
        }

        /// <summary>
        /// Null if every file may be replaced now: none is read-only and no other process holds one open. Windows
        /// would refuse to replace such a file; checking on every system makes the build behave the same everywhere
        /// and, checked before anything is moved, keeps an assembly and its PDB together.
        /// </summary>
        public static string? Replaceable(IEnumerable<string> paths)
        {
            foreach (var path in paths)
            {
                try
                {
                    if ((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0) return $"{path} is read-only";
                    using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                }
                catch (IOException e) when (IsSharingViolation(e))
                {
                    return $"{path} is held open by another process";
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    return $"{path} cannot be written: {e.Message}";
                }
            }

            return null;
        }

        /// <summary>ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION, which .NET also reports for a lock on Unix.</summary>
        private static bool IsSharingViolation(IOException e) => (e.HResult & 0xFFFF) == 32 || (e.HResult & 0xFFFF) == 33;
    }
}
