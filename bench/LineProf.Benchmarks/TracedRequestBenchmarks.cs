extern alias woven;

using BenchmarkDotNet.Attributes;
using LineProf.Pprof;
using LineProf.Reporting;

namespace LineProf.Benchmarks;

/// <summary>
/// What tying a request to its trace costs (issue 16): a profiled request as before, against one that records its
/// span's ids and, at its end, finds its hottest line for the span's attributes, as the ASP.NET Core adapter does for
/// a recorded span. And what a pprof profile of the report costs to make, beside lineprof.json of the same report
/// (both off the request path: the live API, the push).
/// </summary>
[MemoryDiagnoser]
public class TracedRequestBenchmarks
{
    private long _x = 42; // a field, not a constant, so the JIT cannot fold the call away
    private ProfileReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        Profiling.Configure();
        for (int i = 0; i < 200; i++) ProfiledRequest(); // a report of 200 retained requests
        _report = LineProfiler.Shared.CreateReport();
    }

    [Benchmark(Baseline = true)]
    public long ProfiledRequest()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/orders/7");
        long result = woven::LineProf.Bench.Workloads.TenLines.Run(_x);
        request.End(200, "/orders/{id}");
        return result;
    }

    [Benchmark]
    public long TracedRequestWithItsHotLine()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/orders/7");
        request.SetTrace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
        long result = woven::LineProf.Bench.Workloads.TenLines.Run(_x);
        request.End(200, "/orders/{id}");
        return result + (request.HottestLine()?.Line ?? 0);
    }

    [Benchmark]
    public int ReportAsJson() => ReportJson.Serialize(_report).Length;

    [Benchmark]
    public int ReportAsPprof() => PprofProfile.ToBytes(_report).Length;
}
