extern alias plain;

using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LineProf.Benchmarks;

/// <summary>
/// <see cref="plain::LineProf.Bench.Workloads.TenLines"/> by hand with a bare clock read on each of its lines:
/// what a probe that only reads the clock would cost.
/// </summary>
public static class ClockPerLine
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Run(long x)
    {
        long clock = Stopwatch.GetTimestamp(); x += 3;
        clock ^= Stopwatch.GetTimestamp(); x *= 7;
        clock ^= Stopwatch.GetTimestamp(); x ^= x >> 5;
        clock ^= Stopwatch.GetTimestamp(); x += 11;
        clock ^= Stopwatch.GetTimestamp(); x *= 13;
        clock ^= Stopwatch.GetTimestamp(); x ^= x >> 7;
        clock ^= Stopwatch.GetTimestamp(); x += 17;
        clock ^= Stopwatch.GetTimestamp(); x *= 19;
        clock ^= Stopwatch.GetTimestamp(); x ^= x >> 11;
        clock ^= Stopwatch.GetTimestamp(); return x ^ (clock & 1);
    }

    /// <summary>
    /// One more read, when the method returns: timing every line exactly (the last one included) needs at least
    /// lines + 1 clock reads per call, so this is the floor for any exact per-line probe.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long RunAndReadAtReturn(long x)
    {
        long clock = Stopwatch.GetTimestamp(); x += 3;
        clock ^= Stopwatch.GetTimestamp(); x *= 7;
        clock ^= Stopwatch.GetTimestamp(); x ^= x >> 5;
        clock ^= Stopwatch.GetTimestamp(); x += 11;
        clock ^= Stopwatch.GetTimestamp(); x *= 13;
        clock ^= Stopwatch.GetTimestamp(); x ^= x >> 7;
        clock ^= Stopwatch.GetTimestamp(); x += 17;
        clock ^= Stopwatch.GetTimestamp(); x *= 19;
        clock ^= Stopwatch.GetTimestamp(); x ^= x >> 11;
        clock ^= Stopwatch.GetTimestamp(); x ^= clock & 1;
        return x ^ (Stopwatch.GetTimestamp() & 1);
    }
}
