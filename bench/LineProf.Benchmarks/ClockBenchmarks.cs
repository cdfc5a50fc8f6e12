extern alias plain;
extern alias woven;

using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using LineProf.Collection;

namespace LineProf.Benchmarks;

/// <summary>
/// Which clock exact mode should read, on the ten-line method: a bare <c>Stopwatch.GetTimestamp()</c> per line (the
/// baseline), a bare read of the clock the probe reads (<see cref="ProbeClock"/>) per line, and the probe itself in a
/// profiled request, once with each clock (LINEPROF_CLOCK, set before LineProf first runs in each benchmark's own
/// process). Filter: <c>--filter '*ClockBenchmarks*'</c>.
/// </summary>
[LinesPerOperation(plain::LineProf.Bench.Workloads.TenLines.LineCount)]
public class ClockBenchmarks
{
    private long _x = 42; // a field, not a constant, so the JIT cannot fold the call away
    private RequestScope? _request;

    [Params(ProbeClock.StopwatchName, ProbeClock.CounterName)]
    public string Clock { get; set; } = ProbeClock.StopwatchName;

    [Benchmark(Baseline = true)]
    public long StopwatchPerLine() => StopwatchReads.Run(_x);

    [Benchmark]
    public long ProbeClockPerLine() => ClockPerLine.Run(_x);

    [Benchmark]
    public long ProbeInProfiledRequest() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [GlobalSetup]
    public void ChooseClock()
    {
        // Before anything reads ProbeClock: it chooses once per process, and each benchmark case has its own.
        Environment.SetEnvironmentVariable(ProbeClock.Variable, Clock);
        if (ProbeClock.Name != Clock)
            throw new InvalidOperationException($"LineProf reads {ProbeClock.Name}, not {Clock}: {ProbeClock.Unavailable}. The benchmark would not measure what it says.");
    }

    [GlobalSetup(Target = nameof(ProbeInProfiledRequest))]
    public void BeginProfiledRequest()
    {
        ChooseClock();
        Profiling.Configure();
        _request = LineProfiler.Shared.BeginRequest("GET", "/bench");
    }

    [GlobalCleanup(Target = nameof(ProbeInProfiledRequest))]
    public void CheckWhatWasCounted()
    {
        bool profiled = _request?.IsProfiled == true;
        _request?.End(200, "/bench");
        Profiling.ExpectCounted(profiled, "a probe in a profiled request");
    }

    /// <summary><see cref="ClockPerLine.Run"/> with Stopwatch's clock read, whichever clock the probe reads.</summary>
    private static class StopwatchReads
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static long Run(long x)
        {
            long clock = Stopwatch.GetTimestamp(); x += 3;
            clock ^= Stopwatch.GetTimestamp(); x *= 7;
            clock ^= Stopwatch.GetTimestamp(); x ^= x >> 5;
            clock ^= Stopwatch.GetTimestamp(); x += 11;
            clock ^= Stopwatch.GetTimestamp(); x *= 13;
            clock ^= Stopwatch.GetTimestamp(); x ^= x >> 7;
            clock ^= Stopwatch.GetTimestamp(); x += 17;
            clock ^= Stopwatch.GetTimestamp(); x *= 19;
            clock ^= Stopwatch.GetTimestamp(); x ^= x >> 11;
            clock ^= Stopwatch.GetTimestamp(); return x ^ (clock & 1);
        }
    }
}
