using System;
using System.Collections.Generic;
using System.Linq;

namespace LineProf.Benchmarks;

/// <summary>
/// Puts <see cref="LineProfiler.Shared"/> in the state a benchmark needs, and checks that woven code really counted
/// (or really did not), so that a benchmark can never quietly measure the wrong path.
/// </summary>
internal static class Profiling
{
    public const string ExcludedPath = "/health";

    /// <summary>Profiling on, no report files (a background writer would add noise), nothing collected yet.</summary>
    public static void Configure(bool profileOutsideRequests = true)
    {
        LineProfiler.Shared.Configure(new LineProfilerOptions
        {
            WriteFiles = false,
            ProfileOutsideRequests = profileOutsideRequests,
            ExcludePaths = new List<string> { ExcludedPath },
        });
        LineProfiler.Shared.Reset();
    }

    /// <summary>Hits the woven <paramref name="work"/> counted when run once in a request of its own.</summary>
    public static long HitsOf(Action work)
    {
        LineProfiler.Shared.Reset();
        var request = LineProfiler.Shared.BeginRequest("GET", "/hits");
        if (!request.IsProfiled) throw new InvalidOperationException("A request was not profiled: is LINEPROF_ENABLED false?");
        work();
        request.End(200, "/hits");
        var report = LineProfiler.Shared.CreateReport();
        return report.Requests.Single().Lines.Sum(l => l.Hits);
    }

    /// <summary>Calls of woven methods the woven <paramref name="work"/> makes when run once in a request of its own.</summary>
    public static long CallsOf(Action work)
    {
        LineProfiler.Shared.Reset();
        var request = LineProfiler.Shared.BeginRequest("GET", "/calls");
        work();
        request.End(200, "/calls");
        return LineProfiler.Shared.CreateReport().Requests.Single().Methods.Sum(m => m.Calls);
    }

    /// <summary>
    /// Throws unless what was collected so far (finished requests and work outside requests) is what a benchmark
    /// expects: some hits, or none at all.
    /// </summary>
    public static void ExpectCounted(bool counted, string what)
    {
        var report = LineProfiler.Shared.CreateReport();
        long hits = report.Lines.Sum(l => l.Hits) + report.OutsideRequests.Lines.Sum(l => l.Hits);
        if (counted && hits == 0) throw new InvalidOperationException($"{what}: LineProf counted no hits; the benchmark did not measure a profiled probe.");
        if (!counted && hits != 0) throw new InvalidOperationException($"{what}: LineProf counted {hits} hits; the benchmark did not measure an inert probe.");
    }
}
