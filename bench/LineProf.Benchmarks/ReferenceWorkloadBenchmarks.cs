extern alias plain;
extern alias woven;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace LineProf.Benchmarks;

/// <summary>
/// The two reference workloads of bench/reference/workloads.py, each as compiled (the baseline) and woven, run as
/// one profiled request per operation, the way a web app runs it.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ReferenceWorkloadBenchmarks
{
    public const int OrderCount = 20_000;
    public const int PrimeLimit = 300_000;

    private plain::LineProf.Bench.Workloads.OrderRow[] _plainOrders = null!;
    private woven::LineProf.Bench.Workloads.OrderRow[] _wovenOrders = null!;

    private void Setup()
    {
        Profiling.Configure();
        _plainOrders = plain::LineProf.Bench.Workloads.OrderTable.MakeOrders(OrderCount);
        _wovenOrders = woven::LineProf.Bench.Workloads.OrderTable.MakeOrders(OrderCount);
        LineProfiler.Shared.Reset(); // MakeOrders ran outside any request
    }

    // An operation here takes milliseconds, so BenchmarkDotNet's own warm-up calls each method too few times for
    // tiered compilation to replace its first, quickly jitted code; a long-running server would run tier-1 code.
    [GlobalSetup(Target = nameof(RenderUnprofiled))]
    public void SetupRenderUnprofiled()
    {
        Setup();
        Tiering.Promote(() => RenderUnprofiled());
    }

    [GlobalSetup(Target = nameof(RenderProfiled))]
    public void SetupRenderProfiled()
    {
        Setup();
        Tiering.Promote(() => RenderProfiled());
    }

    [GlobalSetup(Target = nameof(SieveUnprofiled))]
    public void SetupSieveUnprofiled()
    {
        Setup();
        Tiering.Promote(() => SieveUnprofiled());
    }

    [GlobalSetup(Target = nameof(SieveProfiled))]
    public void SetupSieveProfiled()
    {
        Setup();
        Tiering.Promote(() => SieveProfiled());
    }

    [Benchmark(Baseline = true), BenchmarkCategory("render")]
    public string RenderUnprofiled() => plain::LineProf.Bench.Workloads.OrderTable.Render(_plainOrders);

    [Benchmark, BenchmarkCategory("render")]
    public string RenderProfiled()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/orders.html");
        var html = woven::LineProf.Bench.Workloads.OrderTable.Render(_wovenOrders);
        request.End(200, "/orders.html");
        return html;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("sieve")]
    public int SieveUnprofiled() => plain::LineProf.Bench.Workloads.Sieve.CountPrimes(PrimeLimit);

    [Benchmark, BenchmarkCategory("sieve")]
    public int SieveProfiled()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/primes");
        int count = woven::LineProf.Bench.Workloads.Sieve.CountPrimes(PrimeLimit);
        request.End(200, "/primes");
        return count;
    }

    [GlobalCleanup(Targets = new[] { nameof(RenderProfiled), nameof(SieveProfiled) })]
    public void CheckCounted() => Profiling.ExpectCounted(true, "a profiled reference workload");
}
