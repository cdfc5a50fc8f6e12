extern alias woven;

using System;
using System.Diagnostics;
using System.Linq;

namespace LineProf.Benchmarks;

/// <summary>
/// The exact-mode probe on ten lines with allocation tracking off and on, in interleaved rounds of a million calls in
/// one profiled request of one process: both halves of a round pair see the same load, so the added cost per line
/// holds where BenchmarkDotNet's separate processes scatter on a shared machine.
/// </summary>
internal static class AllocationRounds
{
    private const int CallsPerRound = 1_000_000;

    public static int Print(int rounds)
    {
        Profiling.Configure(trackAllocations: true);
        var request = LineProfiler.Shared.BeginRequest("GET", "/bench");
        for (int i = 0; i < 5; i++) // past tiering
        {
            Run(trackAllocations: false, CallsPerRound / 10);
            Run(trackAllocations: true, CallsPerRound / 10);
        }

        var off = new double[rounds];
        var on = new double[rounds];
        Console.WriteLine("round\toff ns/line\ton ns/line\tadded ns/line");
        for (int round = 0; round < rounds; round++)
        {
            off[round] = Run(trackAllocations: false, CallsPerRound);
            on[round] = Run(trackAllocations: true, CallsPerRound);
            Console.WriteLine(FormattableString.Invariant($"{round + 1}\t{off[round]:F2}\t{on[round]:F2}\t{on[round] - off[round]:F2}"));
        }

        request.End(200, "/bench");
        var added = on.Zip(off, (a, b) => a - b).ToArray();
        Console.WriteLine(FormattableString.Invariant($"median\t{Median(off):F2}\t{Median(on):F2}\t{Median(added):F2}\nleast\t{off.Min():F2}\t{on.Min():F2}\t{on.Min() - off.Min():F2}"));
        var lines = LineProfiler.Shared.CreateReport().Lines;
        if (lines.Sum(l => l.Hits) == 0) throw new InvalidOperationException("LineProf counted no hits: the rounds did not measure a profiled probe.");
        return 0;
    }

    /// <summary>
    /// Sampled mode: the same rounds with allocations per method off and on, in nanoseconds per call (each call of the
    /// ten-line method starts and ends one run: two reads of the thread's allocated bytes when on).
    /// </summary>
    public static int PrintSampled(int rounds)
    {
        LineProfiler.Shared.Configure(new LineProfilerOptions { Mode = ProfilingModes.Sampled, WriteFiles = false, TrackAllocations = true });
        LineProfiler.Shared.Reset();
        var request = LineProfiler.Shared.BeginRequest("GET", "/bench");
        for (int i = 0; i < 5; i++) // past tiering
        {
            RunSampled(trackAllocations: false, CallsPerRound / 10);
            RunSampled(trackAllocations: true, CallsPerRound / 10);
        }

        var off = new double[rounds];
        var on = new double[rounds];
        Console.WriteLine("round	off ns/call	on ns/call	added ns/call");
        for (int round = 0; round < rounds; round++)
        {
            off[round] = RunSampled(trackAllocations: false, CallsPerRound);
            on[round] = RunSampled(trackAllocations: true, CallsPerRound);
            Console.WriteLine(FormattableString.Invariant($"{round + 1}\t{off[round]:F2}\t{on[round]:F2}\t{on[round] - off[round]:F2}"));
        }

        request.End(200, "/bench");
        var added = on.Zip(off, (a, b) => a - b).ToArray();
        Console.WriteLine(FormattableString.Invariant($"median\t{Median(off):F2}\t{Median(on):F2}\t{Median(added):F2}\nleast\t{off.Min():F2}\t{on.Min():F2}\t{on.Min() - off.Min():F2}"));
        var report = LineProfiler.Shared.CreateReport();
        if (report.Mode != ProfilingModes.Sampled || report.Lines.Sum(l => l.Hits) == 0)
            throw new InvalidOperationException("LineProf counted no sampled hits: the rounds did not measure a profiled sampled probe.");
        return 0;
    }

    private static double RunSampled(bool trackAllocations, int calls)
    {
        Probe.TrackMethodAllocations = trackAllocations; // between calls: each call's run starts and ends in one setting
        long x = 42;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++) x = woven::LineProf.Bench.Workloads.TenLines.Run(x);
        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
        GC.KeepAlive(x);
        return ns;
    }

    /// <summary>Nanoseconds per line of <paramref name="calls"/> calls of the woven ten-line method.</summary>
    private static double Run(bool trackAllocations, int calls)
    {
        Probe.TrackAllocations = trackAllocations; // between calls: each call's frame starts and ends in one setting
        long x = 42;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++) x = woven::LineProf.Bench.Workloads.TenLines.Run(x);
        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls / woven::LineProf.Bench.Workloads.TenLines.LineCount;
        GC.KeepAlive(x);
        return ns;
    }

    private static double Median(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
