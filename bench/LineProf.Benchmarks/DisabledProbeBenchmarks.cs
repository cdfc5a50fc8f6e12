extern alias plain;
extern alias woven;

using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace LineProf.Benchmarks;

/// <summary>
/// A woven method in a process started with LINEPROF_ENABLED=false, against the method as compiled: what a woven
/// build costs when profiling is switched off.
/// </summary>
[Config(typeof(ProfilingSwitchedOff))]
[LinesPerOperation(plain::LineProf.Bench.Workloads.TenLines.LineCount)]
public class DisabledProbeBenchmarks
{
    private long _x = 42; // a field, not a constant, so the JIT cannot fold the call away

    [Benchmark(Baseline = true)]
    public long NoProbes() => plain::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark]
    public long ProbeWithProfilingOff() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [GlobalSetup]
    public void CheckProfilingIsOff()
    {
        woven::LineProf.Bench.Workloads.TenLines.Run(_x); // registers the woven assembly
        if (LineProfiler.Shared.IsActive) throw new InvalidOperationException("LINEPROF_ENABLED=false did not reach the benchmark process.");
    }

    /// <summary>Sets the variable on every job (a mutator), so the class still runs once per job of the run.</summary>
    private sealed class ProfilingSwitchedOff : ManualConfig
    {
        public ProfilingSwitchedOff() =>
            AddJob(Job.Default.WithEnvironmentVariable("LINEPROF_ENABLED", "false").AsMutator());
    }
}
