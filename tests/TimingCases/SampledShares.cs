using System.Diagnostics;

namespace LineProf.TimingCases;

/// <summary>
/// Three lines that take about 60%, 30% and 10% of a request, by sleeping and by spinning, and that measure their
/// own durations so a test can compare sampled shares with the truth.
/// </summary>
public static class SampledShares
{
    private static long s_sleepLong;
    private static long s_spin;
    private static long s_sleepShort;

    public static (long SleepLong, long Spin, long SleepShort) Measured => (s_sleepLong, s_spin, s_sleepShort);

    public static void Reset() => s_sleepLong = s_spin = s_sleepShort = 0;

    public static void Run()
    {
        long t0 = Stopwatch.GetTimestamp();
        Thread.Sleep(12); // MARK:share-sleep-long
        long t1 = Stopwatch.GetTimestamp();
        Busy.SpinFor(6); // MARK:share-spin
        long t2 = Stopwatch.GetTimestamp();
        Thread.Sleep(2); // MARK:share-sleep-short
        long t3 = Stopwatch.GetTimestamp();
        s_sleepLong += t1 - t0;
        s_spin += t2 - t1;
        s_sleepShort += t3 - t2;
    }
}

/// <summary>CPU work of a known duration; not woven, so it is all the calling line's.</summary>
[LineProf.NoLineProfile]
public static class Busy
{
    public static void SpinFor(int milliseconds)
    {
        var until = Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000;
        while (Stopwatch.GetTimestamp() < until)
        {
        }
    }
}
