extern alias plain;
extern alias woven;

using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace LineProf.Benchmarks;

/// <summary>
/// Code shaped like a real library run by its tests: the Markdown-like renderer of many small methods and one-line
/// members, and a small method on <c>stackalloc</c> called in a loop. Run in three processes (jobs): exact mode (the
/// short job), sampled mode, and profiling off; in each, the code as compiled is the baseline of the woven code run
/// in a profiled request and outside any request.
/// </summary>
[Config(typeof(ThreeModes))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByJob)]
[CategoriesColumn]
public class CallHeavyBenchmarks
{
    public const int Sections = 200;
    public const int Numbers = 2_000;

    private string _markdown = "";

    private void Setup(Func<object> operation)
    {
        Profiling.Configure(profileOutsideRequests: false);
        _markdown = plain::LineProf.Bench.Workloads.MarkdownLite.MakeDocument(Sections);
        if (plain::LineProf.Bench.Workloads.MarkdownLite.ToHtml(_markdown) != woven::LineProf.Bench.Workloads.MarkdownLite.ToHtml(_markdown))
            throw new InvalidOperationException("The woven renderer's output differs from the renderer's as compiled.");
        CheckMode(); // after woven code ran: a woven assembly registers with its first call
        // An operation takes tens of microseconds to milliseconds: too few calls in BenchmarkDotNet's warm-up for tier 1.
        Tiering.Promote(() => operation());
        LineProfiler.Shared.Reset();
    }

    [GlobalSetup(Target = nameof(MarkdownUnwoven))] public void SetupMarkdownUnwoven() => Setup(MarkdownUnwoven);
    [GlobalSetup(Target = nameof(MarkdownProfiled))] public void SetupMarkdownProfiled() => Setup(MarkdownProfiled);
    [GlobalSetup(Target = nameof(MarkdownNotProfiled))] public void SetupMarkdownNotProfiled() => Setup(MarkdownNotProfiled);
    [GlobalSetup(Target = nameof(DigitsUnwoven))] public void SetupDigitsUnwoven() => Setup(() => DigitsUnwoven());
    [GlobalSetup(Target = nameof(DigitsProfiled))] public void SetupDigitsProfiled() => Setup(() => DigitsProfiled());
    [GlobalSetup(Target = nameof(DigitsNotProfiled))] public void SetupDigitsNotProfiled() => Setup(() => DigitsNotProfiled());

    [GlobalCleanup(Targets = new[] { nameof(MarkdownProfiled), nameof(DigitsProfiled) })]
    public void CheckCounted() => Profiling.ExpectCounted(LineProfiler.Shared.IsActive, "the call-heavy workload in a profiled request");

    [GlobalCleanup(Targets = new[] { nameof(MarkdownUnwoven), nameof(MarkdownNotProfiled), nameof(DigitsUnwoven), nameof(DigitsNotProfiled) })]
    public void CheckNotCounted() => Profiling.ExpectCounted(false, "the call-heavy workload outside requests");

    [Benchmark(Baseline = true), BenchmarkCategory("markdown")]
    public string MarkdownUnwoven() => plain::LineProf.Bench.Workloads.MarkdownLite.ToHtml(_markdown);

    [Benchmark, BenchmarkCategory("markdown")]
    public string MarkdownProfiled()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/docs");
        var html = woven::LineProf.Bench.Workloads.MarkdownLite.ToHtml(_markdown);
        request.End(200, "/docs");
        return html;
    }

    [Benchmark, BenchmarkCategory("markdown")]
    public string MarkdownNotProfiled() => woven::LineProf.Bench.Workloads.MarkdownLite.ToHtml(_markdown);

    [Benchmark(Baseline = true), BenchmarkCategory("stackalloc")]
    public long DigitsUnwoven() => plain::LineProf.Bench.Workloads.DigitSums.Total(Numbers);

    [Benchmark, BenchmarkCategory("stackalloc")]
    public long DigitsProfiled()
    {
        var request = LineProfiler.Shared.BeginRequest("GET", "/digits");
        long total = woven::LineProf.Bench.Workloads.DigitSums.Total(Numbers);
        request.End(200, "/digits");
        return total;
    }

    [Benchmark, BenchmarkCategory("stackalloc")]
    public long DigitsNotProfiled() => woven::LineProf.Bench.Workloads.DigitSums.Total(Numbers);

    /// <summary>Fails the job if its environment did not reach the process, so a job can never measure another mode.</summary>
    private static void CheckMode()
    {
        string expected = Environment.GetEnvironmentVariable("LINEPROF_ENABLED") == "false" ? "off"
            : Environment.GetEnvironmentVariable("LINEPROF_MODE") == "sampled" ? "sampled" : "exact";
        string actual = !LineProfiler.Shared.IsActive ? "off" : LineProfiler.Shared.Options.Mode == ProfilingModes.Sampled ? "sampled" : "exact";
        if (actual != expected) throw new InvalidOperationException($"The job expected profiling {expected} and found it {actual}.");
    }

    private sealed class ThreeModes : ManualConfig
    {
        public ThreeModes()
        {
            AddJob(BenchConfig.Short.WithEnvironmentVariable("LINEPROF_MODE", "sampled").WithId("sampled"));
            AddJob(BenchConfig.Short.WithEnvironmentVariable("LINEPROF_ENABLED", "false").WithId("off"));
        }
    }
}
