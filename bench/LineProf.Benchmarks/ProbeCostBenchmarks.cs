extern alias plain;
extern alias woven;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace LineProf.Benchmarks;

/// <summary>
/// What a probe costs on a method of ten one-statement lines. "clock": an enabled probe in a profiled request
/// against a bare read per line of the clock the probe reads (ClockPerLine). "inert": a woven method whose probes
/// collect nothing (outside any request with ProfileOutsideRequests=false, or in an excluded request) against the
/// method as compiled.
/// The memory diagnoser shows that the probe path allocates nothing.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[LinesPerOperation(plain::LineProf.Bench.Workloads.TenLines.LineCount)]
public class ProbeCostBenchmarks
{
    private long _x = 42; // a field, not a constant, so the JIT cannot fold the call away
    private RequestScope? _request;

    [Benchmark(Baseline = true), BenchmarkCategory("clock")]
    public long BareClockPerLine() => ClockPerLine.Run(_x);

    [Benchmark, BenchmarkCategory("clock")]
    public long BareClockPerLinePlusReturn() => ClockPerLine.RunAndReadAtReturn(_x);

    [Benchmark, BenchmarkCategory("clock")]
    public long ProbeInProfiledRequest() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark(Baseline = true), BenchmarkCategory("inert")]
    public long NoProbes() => plain::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark, BenchmarkCategory("inert")]
    public long ProbeOutsideRequests() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark, BenchmarkCategory("inert")]
    public long ProbeInExcludedRequest() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [GlobalSetup(Target = nameof(ProbeInProfiledRequest))]
    public void BeginProfiledRequest()
    {
        Profiling.Configure();
        _request = LineProfiler.Shared.BeginRequest("GET", "/bench");
    }

    [GlobalSetup(Target = nameof(ProbeOutsideRequests))]
    public void StopProfilingOutsideRequests() => Profiling.Configure(profileOutsideRequests: false);

    [GlobalSetup(Target = nameof(ProbeInExcludedRequest))]
    public void BeginExcludedRequest()
    {
        Profiling.Configure(profileOutsideRequests: false);
        _request = LineProfiler.Shared.BeginRequest("GET", Profiling.ExcludedPath);
    }

    [GlobalCleanup(Targets = new[] { nameof(ProbeInProfiledRequest), nameof(ProbeOutsideRequests), nameof(ProbeInExcludedRequest) })]
    public void CheckWhatWasCounted()
    {
        bool profiled = _request?.IsProfiled == true;
        _request?.End(200, "/bench");
        Profiling.ExpectCounted(profiled, profiled ? "a probe in a profiled request" : "an inert probe");
    }
}
