using System;
using System.IO;
using System.Threading;

namespace LineProf.Weaving
{
    /// <summary>
    /// One weaver at a time per assembly, across processes: an exclusive lock on a file beside it. The file stays
    /// (deleting it would let a waiter lock a new file while another holds the old one); it is tiny and lives in obj/.
    /// </summary>
    internal static class WeaveLock
    {
        internal static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

        /// <returns>The held lock, or null if another process held it for longer than <see cref="Timeout"/>.</returns>
        internal static IDisposable? Acquire(string assemblyPath)
        {
            var lockPath = assemblyPath + ".lineprof-lock";
            var deadline = DateTime.UtcNow + Timeout;
            while (true)
            {
                try
                {
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(50);
                }
                catch (IOException)
                {
                    return null;
                }
            }
        }
    }
}
