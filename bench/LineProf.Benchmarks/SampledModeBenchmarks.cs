extern alias plain;
extern alias woven;

using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace LineProf.Benchmarks;

/// <summary>
/// The reference workloads and the ten-line method in a process started with LINEPROF_MODE=sampled: exact hits,
/// time from the sampler, against the same code as compiled, in the same run.
/// </summary>
[Config(typeof(SampledModeOn))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SampledModeBenchmarks
{
    private long _x = 42;
    private plain::LineProf.Bench.Workloads.OrderRow[] _plainOrders = null!;
    private woven::LineProf.Bench.Workloads.OrderRow[] _wovenOrders = null!;
    private RequestScope? _request;

    [GlobalSetup]
    public void Setup()
    {
        Profiling.Configure();
        if (LineProfiler.Shared.Options.Mode != ProfilingModes.Sampled) throw new InvalidOperationException("LINEPROF_MODE=sampled did not reach the benchmark process.");
        _plainOrders = plain::LineProf.Bench.Workloads.OrderTable.MakeOrders(ReferenceWorkloadBenchmarks.OrderCount);
        _wovenOrders = woven::LineProf.Bench.Workloads.OrderTable.MakeOrders(ReferenceWorkloadBenchmarks.OrderCount);
        LineProfiler.Shared.Reset();
        Tiering.Promote(() => RenderUnprofiled());
        Tiering.Promote(() => RenderSampled());
        Tiering.Promote(() => SieveUnprofiled());
        Tiering.Promote(() => SieveSampled());
        _request = LineProfiler.Shared.BeginRequest("GET", "/ten-lines");
    }

    [GlobalCleanup]
    public void CheckCounted()
    {
        _request?.End(200);
        Profiling.ExpectCounted(true, "a sampled-mode workload");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ten lines")]
    public long NoProbes() => plain::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark, BenchmarkCategory("ten lines")]
    public long SampledProbes() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark(Baseline = true), BenchmarkCategory("render")]
    public string RenderUnprofiled() => plain::LineProf.Bench.Workloads.OrderTable.Render(_plainOrders);

    [Benchmark, BenchmarkCategory("render")]
    public string RenderSampled()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/orders.html");
        var html = woven::LineProf.Bench.Workloads.OrderTable.Render(_wovenOrders);
        request.End(200, "/orders.html");
        return html;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("sieve")]
    public int SieveUnprofiled() => plain::LineProf.Bench.Workloads.Sieve.CountPrimes(ReferenceWorkloadBenchmarks.PrimeLimit);

    [Benchmark, BenchmarkCategory("sieve")]
    public int SieveSampled()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/primes");
        int count = woven::LineProf.Bench.Workloads.Sieve.CountPrimes(ReferenceWorkloadBenchmarks.PrimeLimit);
        request.End(200, "/primes");
        return count;
    }

    private sealed class SampledModeOn : ManualConfig
    {
        public SampledModeOn() => AddJob(Job.Default.WithEnvironmentVariable("LINEPROF_MODE", "sampled").AsMutator());
    }
}
