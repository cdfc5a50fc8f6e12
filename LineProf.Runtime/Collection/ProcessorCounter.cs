using System;
#if NET
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
#endif
using System.Runtime.CompilerServices;

namespace LineProf.Collection
{
    /// <summary>
    /// The processor's time-stamp counter, read by a ten-byte machine-code stub (<c>rdtsc</c>) that the probe calls
    /// through an unmanaged function pointer with no GC transition: about 11 ns on these VMs where
    /// <c>Stopwatch.GetTimestamp()</c> takes 29 (see BENCHMARKS.md, "The clock"). Only where it keeps time: x64, an
    /// invariant counter (one rate whatever the core's frequency and power state, the same on every core), and a
    /// process allowed to map executable memory. Its rate is not known here: <see cref="ProbeClock"/> measures it.
    /// </summary>
    /// <remarks>
    /// Plain <c>rdtsc</c>, not <c>rdtscp</c> or <c>lfence; rdtsc</c>: those wait for earlier instructions to finish
    /// and cost twice as much here (22 ns). Unordered, a read may be taken a few dozen instructions early or late,
    /// which moves time between two adjacent lines but never loses it: each read ends one line and starts the next,
    /// so a method's lines still add up to exactly the time between its first and last read.
    /// This build of the runtime reads it only when built for .NET (8 or later): netstandard2.0 has no function
    /// pointer without a GC transition, which would cost more than the counter saves.
    /// </remarks>
    internal static unsafe class ProcessorCounter
    {
        /// <summary>Why the counter cannot be read here; null when it can.</summary>
        internal static readonly string? Unavailable;

#if NET
        /// <summary>
        /// The stub, or null. A static readonly the tier-1 JIT embeds in the probe as a constant address: reading the
        /// counter is one indirect call.
        /// </summary>
        private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<long> s_read;

        // rdtsc (edx:eax = counter); shl rdx, 32; or rax, rdx; ret. The same on the System V and Windows x64 ABIs:
        // no argument, the result in rax, and only registers both treat as scratch are written.
        private static readonly byte[] s_rdtsc = { 0x0F, 0x31, 0x48, 0xC1, 0xE2, 0x20, 0x48, 0x09, 0xD0, 0xC3 };

        static ProcessorCounter()
        {
            try
            {
                Unavailable = Distrust();
                if (Unavailable == null) s_read = (delegate* unmanaged[Cdecl, SuppressGCTransition]<long>)ExecutableMemory.Copy(s_rdtsc, out Unavailable);
            }
            catch (Exception e)
            {
                Unavailable = "it could not be set up (" + e.GetType().Name + ": " + e.Message + ")";
                s_read = null;
            }
        }

        internal static bool Available => s_read != null;

        /// <summary>The counter now. Only when <see cref="Available"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static long Read() => s_read();

        /// <summary>Why this machine's counter cannot be trusted as a clock; null when it can.</summary>
        private static string? Distrust()
        {
            if (RuntimeInformation.ProcessArchitecture != Architecture.X64) return "LineProf reads it on x64 processors only";
            if (OperatingSystem.IsLinux()) return LinuxDistrust();
            if (OperatingSystem.IsWindows()) return InvariantByCpuid() ? null : "the processor does not report an invariant counter (CPUID 0x80000007)";
            return "LineProf reads it on Linux and Windows only";
        }

        /// <summary>
        /// Linux: the kernel's view, which adds what CPUID does not say: constant_tsc (one rate at any frequency),
        /// nonstop_tsc (counts in deep sleep), and tsc among the clock sources, which the kernel removes when it
        /// finds the cores' counters out of step or the counter unstable.
        /// </summary>
        private static string? LinuxDistrust()
        {
            var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("flags", StringComparison.Ordinal));
            var words = (flags ?? "").Split(new[] { ' ', '\t', ':' }, StringSplitOptions.RemoveEmptyEntries);
            if (!words.Contains("constant_tsc") || !words.Contains("nonstop_tsc"))
                return "/proc/cpuinfo does not list both constant_tsc and nonstop_tsc";
            const string sources = "/sys/devices/system/clocksource/clocksource0/available_clocksource";
            if (!File.Exists(sources) || !File.ReadAllText(sources).Split(' ', '\n').Contains("tsc"))
                return "the kernel does not offer tsc as a clock source (" + sources + ")";
            return null;
        }

        /// <summary>CPUID leaf 0x80000007, EDX bit 8: the invariant counter, as the processor (or hypervisor) reports it.</summary>
        private static bool InvariantByCpuid()
        {
            if (!X86Base.IsSupported) return false;
            if ((uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x80000007) return false;
            return (X86Base.CpuId(unchecked((int)0x80000007), 0).Edx & (1 << 8)) != 0;
        }
#else
        static ProcessorCounter() => Unavailable = "this app uses the netstandard2.0 build of LineProf.Runtime (the .NET Framework one)";

        internal static bool Available => false;

        internal static long Read() => throw new PlatformNotSupportedException(Unavailable);
#endif
    }
}
