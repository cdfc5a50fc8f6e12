extern alias plain;
extern alias woven;

using BenchmarkDotNet.Attributes;

namespace LineProf.Benchmarks;

/// <summary>
/// What a request costs LineProf beyond its lines, in time and in bytes allocated: a ten-line handler called
/// directly (no LineProf), in a request LineProf leaves alone (excluded), and in a profiled request, begun and
/// ended through <see cref="LineProfiler.BeginRequest"/> as a host adapter does.
/// </summary>
[MemoryDiagnoser]
public class RequestMemoryBenchmarks
{
    private long _x = 42; // a field, not a constant, so the JIT cannot fold the call away

    [GlobalSetup]
    public void Setup() => Profiling.Configure();

    [Benchmark(Baseline = true)]
    public long HandlerWithoutLineProf() => plain::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark]
    public long ExcludedRequest()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", Profiling.ExcludedPath);
        long result = woven::LineProf.Bench.Workloads.TenLines.Run(_x);
        request.End(200, Profiling.ExcludedPath);
        return result;
    }

    [Benchmark]
    public long ProfiledRequest()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/orders/7");
        long result = woven::LineProf.Bench.Workloads.TenLines.Run(_x);
        request.End(200, "/orders/{id}");
        return result;
    }
}
