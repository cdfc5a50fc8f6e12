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
    public static void Configure(bool profileOutsideRequests = true, bool trackAllocations = true, bool trackDatabaseCommands = true)
    {
        LineProfiler.Shared.Configure(new LineProfilerOptions
        {
            WriteFiles = false,
            ProfileOutsideRequests = profileOutsideRequests,
            TrackAllocations = trackAllocations,
            TrackDatabaseCommands = trackDatabaseCommands,
            ExcludePaths = new List<string> { ExcludedPath },
        });
        LineProfiler.Shared.Reset();
    }

    /// <summary>
    /// The hits the woven <paramref name="work"/> counts when run once in a request of its own, and its calls of
    /// woven methods.
    /// </summary>
    public static (long Hits, long Calls) CountsOf(Action work)
    {
        LineProfiler.Shared.Reset();
        var request = LineProfiler.Shared.BeginRequest("GET", "/hits");
        if (!request.IsProfiled) throw new InvalidOperationException("A request was not profiled: is LINEPROF_ENABLED false?");
        work();
        request.End(200, "/hits");
        var profiled = LineProfiler.Shared.CreateReport().Requests.Single();
        return (profiled.Lines.Sum(l => l.Hits), profiled.Methods.Sum(m => m.Calls));
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
