extern alias plain;

using LineProf.Collection;
using System.Runtime.CompilerServices;

namespace LineProf.Benchmarks;

/// <summary>
/// <see cref="plain::LineProf.Bench.Workloads.TenLines"/> by hand with a bare clock read on each of its lines:
/// what a probe that only reads the clock would cost. The clock the probe reads (<see cref="ProbeClock"/>: the
/// processor's counter where it is safe, else Stopwatch), so the probe is compared with its own floor.
/// </summary>
public static class ClockPerLine
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Run(long x)
    {
        long clock = ProbeClock.Now(); x += 3;
        clock ^= ProbeClock.Now(); x *= 7;
        clock ^= ProbeClock.Now(); x ^= x >> 5;
        clock ^= ProbeClock.Now(); x += 11;
        clock ^= ProbeClock.Now(); x *= 13;
        clock ^= ProbeClock.Now(); x ^= x >> 7;
        clock ^= ProbeClock.Now(); x += 17;
        clock ^= ProbeClock.Now(); x *= 19;
        clock ^= ProbeClock.Now(); x ^= x >> 11;
        clock ^= ProbeClock.Now(); return x ^ (clock & 1);
    }

    /// <summary>
    /// One more read, when the method returns: timing every line exactly (the last one included) needs at least
    /// lines + 1 clock reads per call, so this is the floor for any exact per-line probe.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long RunAndReadAtReturn(long x)
    {
        long clock = ProbeClock.Now(); x += 3;
        clock ^= ProbeClock.Now(); x *= 7;
        clock ^= ProbeClock.Now(); x ^= x >> 5;
        clock ^= ProbeClock.Now(); x += 11;
        clock ^= ProbeClock.Now(); x *= 13;
        clock ^= ProbeClock.Now(); x ^= x >> 7;
        clock ^= ProbeClock.Now(); x += 17;
        clock ^= ProbeClock.Now(); x *= 19;
        clock ^= ProbeClock.Now(); x ^= x >> 11;
        clock ^= ProbeClock.Now(); x ^= clock & 1;
        return x ^ (ProbeClock.Now() & 1);
    }
}
