using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace LineProf.Weaving
{
    /// <summary>
    /// One weaver at a time per assembly, across processes: a named system mutex keyed by the assembly's full path.
    /// Unlike a lock file beside the assembly it leaves nothing in obj/, and a build killed while holding it hands it
    /// on (the operating system marks it abandoned) instead of keeping it. Released on the thread that took it, so
    /// weaving stays synchronous while it is held.
    /// </summary>
    internal static class WeaveLock
    {
        internal static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

        /// <returns>The held lock, or null if another process held it for longer than <see cref="Timeout"/>.</returns>
        internal static IDisposable? Acquire(string assemblyPath)
        {
            var mutex = new Mutex(initiallyOwned: false, NameOf(assemblyPath));
            try
            {
                if (mutex.WaitOne(Timeout)) return new Held(mutex);
            }
            catch (AbandonedMutexException)
            {
                // A build died while weaving: the turn is ours, and the staging it left is cleaned up under it.
                return new Held(mutex);
            }

            mutex.Dispose();
            return null;
        }

        /// <summary>
        /// "Global\" so builds from different terminal sessions share it; the path is hashed to fit any name limit
        /// and carry no separators. Paths differ only in case on Windows' file systems.
        /// </summary>
        private static string NameOf(string assemblyPath)
        {
            var path = Path.GetFullPath(assemblyPath);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) path = path.ToUpperInvariant();
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(path));
            var name = new StringBuilder(@"Global\LineProf.Weave.");
            for (int i = 0; i < 16; i++) name.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return name.ToString();
        }

        private sealed class Held : IDisposable
        {
            private readonly Mutex _mutex;

            internal Held(Mutex mutex) => _mutex = mutex;

            public void Dispose()
            {
                _mutex.ReleaseMutex();
                _mutex.Dispose();
            }
        }
    }
}
