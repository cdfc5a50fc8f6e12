using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace LineProf.Benchmarks;

/// <summary>
/// BenchmarkDotNet's defaults with one short job, so the whole suite takes a few minutes on two cores: one process
/// per benchmark, 3 warm-up and 10 measured iterations of about 200 ms each. Every figure is read as a ratio to a
/// baseline measured in the same run, so drift of a shared machine between runs cancels out.
/// </summary>
public static class BenchConfig
{
    public static readonly Job Short = Job.Default
        .WithId("short")
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithIterationTime(TimeInterval.FromMilliseconds(200));

    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Short)
        .AddColumn(new PerLineColumn())
        // BenchmarkDotNet rebuilds the suite into a project of its own; two busy cores need more than its 2 minutes.
        .WithBuildTimeout(System.TimeSpan.FromMinutes(10));
}
