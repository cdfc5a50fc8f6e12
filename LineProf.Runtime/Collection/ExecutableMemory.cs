#if NET
using System;
using System.Runtime.InteropServices;

namespace LineProf.Collection
{
    /// <summary>
    /// A page of machine code of LineProf's own, mapped writable, filled, then made executable and read-only (never
    /// both writable and executable, which hardened systems refuse). Mapped once per process and never freed: the
    /// probe may call it until the process ends.
    /// </summary>
    internal static unsafe class ExecutableMemory
    {
        private const int PageSize = 4096;

        /// <summary>Copies <paramref name="code"/> into executable memory; null, and why, when the system refuses.</summary>
        internal static void* Copy(byte[] code, out string? refused)
        {
            refused = null;
            if (OperatingSystem.IsWindows()) return CopyOnWindows(code, ref refused);
            if (OperatingSystem.IsLinux()) return CopyOnLinux(code, ref refused);
            refused = "LineProf maps code on Linux and Windows only";
            return null;
        }

        private static void* CopyOnLinux(byte[] code, ref string? refused)
        {
            const int ProtRead = 1, ProtWrite = 2, ProtExec = 4, MapPrivate = 0x02, MapAnonymous = 0x20;
            var page = mmap(null, PageSize, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (page == (void*)-1)
            {
                refused = "the system refused a page for its code (mmap: errno " + Marshal.GetLastPInvokeError() + ")";
                return null;
            }

            Marshal.Copy(code, 0, (IntPtr)page, code.Length);
            if (mprotect(page, PageSize, ProtRead | ProtExec) != 0)
            {
                // W^X policies (SELinux's execmem, PaX) refuse here. The page stays mapped, unused: it is one page.
                refused = "the system does not let this process make memory executable (mprotect: errno " + Marshal.GetLastPInvokeError() + ")";
                return null;
            }

            return page;
        }

        private static void* CopyOnWindows(byte[] code, ref string? refused)
        {
            const uint Commit = 0x1000, Reserve = 0x2000, ReadWrite = 0x04, ExecuteRead = 0x20;
            var page = VirtualAlloc(null, PageSize, Commit | Reserve, ReadWrite);
            if (page == null)
            {
                refused = "the system refused a page for its code (VirtualAlloc: error " + Marshal.GetLastPInvokeError() + ")";
                return null;
            }

            Marshal.Copy(code, 0, (IntPtr)page, code.Length);
            if (!VirtualProtect(page, PageSize, ExecuteRead, out _))
            {
                refused = "the system does not let this process make memory executable (VirtualProtect: error " + Marshal.GetLastPInvokeError() + ")";
                return null;
            }

            FlushInstructionCache(GetCurrentProcess(), page, PageSize);
            return page;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

        [DllImport("libc", SetLastError = true)]
        private static extern int mprotect(void* address, nuint length, int protection);

        [DllImport("kernel32", SetLastError = true)]
        private static extern void* VirtualAlloc(void* address, nuint size, uint allocationType, uint protection);

        [DllImport("kernel32", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool VirtualProtect(void* address, nuint size, uint protection, out uint oldProtection);

        [DllImport("kernel32")]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool FlushInstructionCache(IntPtr process, void* address, nuint size);

        [DllImport("kernel32")]
        private static extern IntPtr GetCurrentProcess();
    }
}
#endif
