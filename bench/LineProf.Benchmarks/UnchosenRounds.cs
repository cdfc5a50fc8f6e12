extern alias plain;
extern alias woven;

using System;
using System.Diagnostics;
using System.Linq;

namespace LineProf.Benchmarks;

/// <summary>
/// What a request the sample rate did not choose pays in a woven app, on call-heavy code (the Markdown-like renderer,
/// 815k calls of woven methods per render): the renderer as compiled, and woven in an unchosen request while the
/// process collects other work (outside requests are profiled, as by default) and while it collects nothing, in
/// interleaved rounds of one process, so the three see the same load.
/// </summary>
internal static class UnchosenRounds
{
    private const int RendersPerRound = 20;

    public static int Print(int rounds)
    {
        string markdown = plain::LineProf.Bench.Workloads.MarkdownLite.MakeDocument(CallHeavyBenchmarks.Sections);
        for (int i = 0; i < 3; i++) // past tiering, in every state
        {
            Tiering.Promote(() => plain::LineProf.Bench.Workloads.MarkdownLite.ToHtml(markdown));
            Collect(elsewhere: true);
            Tiering.Promote(() => Unchosen(markdown, renders: 1));
            Collect(elsewhere: false);
            Tiering.Promote(() => Unchosen(markdown, renders: 1));
        }

        Profiling.Configure();
        long calls = Profiling.CountsOf(() => woven::LineProf.Bench.Workloads.MarkdownLite.ToHtml(markdown)).Calls;
        var plainNs = new double[rounds];
        var busyNs = new double[rounds];
        var quietNs = new double[rounds];
        Console.WriteLine("round\tas compiled ms\tunchosen, others collect ms\tunchosen, nothing collects ms");
        for (int round = 0; round < rounds; round++)
        {
            plainNs[round] = Time(() => { for (int r = 0; r < RendersPerRound; r++) plain::LineProf.Bench.Workloads.MarkdownLite.ToHtml(markdown); });
            Collect(elsewhere: true);
            busyNs[round] = Time(() => Unchosen(markdown, RendersPerRound));
            Collect(elsewhere: false);
            quietNs[round] = Time(() => Unchosen(markdown, RendersPerRound));
            Console.WriteLine(FormattableString.Invariant($"{round + 1}\t{plainNs[round] / 1e6:F2}\t{busyNs[round] / 1e6:F2}\t{quietNs[round] / 1e6:F2}"));
        }

        double basis = Median(plainNs);
        double busy = Median(busyNs), quiet = Median(quietNs);
        long perRound = calls * RendersPerRound;
        Console.WriteLine(FormattableString.Invariant($"median\t{basis / 1e6:F2}\t{busy / 1e6:F2}\t{quiet / 1e6:F2}"));
        Console.WriteLine(FormattableString.Invariant($"ratio\t1.000\t{busy / basis:F3}\t{quiet / basis:F3}"));
        Console.WriteLine(FormattableString.Invariant($"ns/call\t\t{(busy - basis) / perRound:F2}\t{(quiet - basis) / perRound:F2}\t({calls} woven calls per render)"));
        Profiling.ExpectCounted(false, "renders in unchosen requests");
        return 0;
    }

    /// <summary>Rate 0: no request is chosen. Outside requests collected or not: whether anything collects.</summary>
    private static void Collect(bool elsewhere)
    {
        LineProfiler.Shared.Configure(new LineProfilerOptions { WriteFiles = false, SampleRate = 0, ProfileOutsideRequests = elsewhere });
        LineProfiler.Shared.Reset();
    }

    private static object Unchosen(string markdown, int renders)
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/docs");
        if (request.IsProfiled) throw new InvalidOperationException("At rate 0 a request was chosen.");
        string html = "";
        for (int r = 0; r < renders; r++) html = woven::LineProf.Bench.Workloads.MarkdownLite.ToHtml(markdown);
        request.End(200, "/docs");
        return html;
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds;
    }

    private static double Median(double[] values) => values.OrderBy(v => v).ElementAt(values.Length / 2);
}
