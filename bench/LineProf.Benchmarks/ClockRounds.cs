using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using LineProf.Collection;

namespace LineProf.Benchmarks;

/// <summary>
/// One read of Stopwatch against one read of the processor's counter, in interleaved rounds of a million reads each
/// in one process: on a shared machine the load changes between BenchmarkDotNet's processes, but within a round
/// pair both clocks see the same load, so the per-round ratio holds where the absolute figures scatter.
/// </summary>
internal static class ClockRounds
{
    private const int ReadsPerRound = 1_000_000;

    public static int Print(int rounds)
    {
        if (!ProcessorCounter.Available)
        {
            Console.WriteLine("the processor's counter cannot be read here: " + ProcessorCounter.Unavailable);
            return 1;
        }

        for (int i = 0; i < 5; i++) // past tiering, so both loops are fully optimized
        {
            ReadStopwatch(ReadsPerRound / 10);
            ReadCounter(ReadsPerRound / 10);
        }

        var stopwatch = new double[rounds];
        var counter = new double[rounds];
        Console.WriteLine("round\tStopwatch ns/read\tcounter ns/read\tratio");
        for (int round = 0; round < rounds; round++)
        {
            stopwatch[round] = NanosecondsPerRead(ReadStopwatch);
            counter[round] = NanosecondsPerRead(ReadCounter);
            Console.WriteLine(FormattableString.Invariant($"{round + 1}\t{stopwatch[round]:F2}\t{counter[round]:F2}\t{counter[round] / stopwatch[round]:F2}"));
        }

        var ratios = counter.Zip(stopwatch, (c, s) => c / s).ToArray();
        Console.WriteLine(FormattableString.Invariant(
            $"median\t{Median(stopwatch):F2}\t{Median(counter):F2}\t{Median(ratios):F2}\nleast\t{stopwatch.Min():F2}\t{counter.Min():F2}\t{counter.Min() / stopwatch.Min():F2}"));
        return 0;
    }

    private static double NanosecondsPerRead(Func<int, long> read)
    {
        long start = Stopwatch.GetTimestamp();
        read(ReadsPerRound);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / ReadsPerRound;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ReadStopwatch(int reads)
    {
        long sum = 0;
        for (int i = 0; i < reads; i++) sum ^= Stopwatch.GetTimestamp();
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ReadCounter(int reads)
    {
        long sum = 0;
        for (int i = 0; i < reads; i++) sum ^= ProcessorCounter.Read();
        return sum;
    }

    private static double Median(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
