extern alias plain;
extern alias woven;

using System;
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
    public long StopwatchPerLine() => ClockPerLine.Run(_x);

    [Benchmark]
    public long ProbeClockPerLine() => ProbeClockReads.Run(_x);

    [Benchmark]
    public long ProbeInProfiledRequest() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [GlobalSetup]
    public void ChooseClock()
    {
        // Before anything reads ProbeClock: it chooses once per process, and each benchmark case has its own.
        Environment.SetEnvironmentVariable(ProbeClock.Variable, Clock);
        if (ProbeClock.Name != Clock)
            throw new InvalidOperationException($"LineProf reads {ProbeClock.Name}, not {Clock}: {ProbeClock.Unavailable}. The benchmark would not measure what it says.");
        Profiling.Configure();
        _request = LineProfiler.Shared.BeginRequest("GET", "/bench");
    }

    [GlobalCleanup]
    public void CheckWhatWasCounted()
    {
        bool profiled = _request?.IsProfiled == true;
        _request?.End(200, "/bench");
        Profiling.ExpectCounted(profiled, "a probe in a profiled request");
    }

    /// <summary><see cref="ClockPerLine.Run"/> with the probe's clock read instead of Stopwatch's.</summary>
    private static class ProbeClockReads
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static long Run(long x)
        {
            long clock = ProbeClock.Now(); x += 3;
            clock ^= ProbeClock.Now(); x *= 7;
            clock ^= ProbeClock.Now(); x ^= x >> 5;
            clock ^= ProbeClock.Now(); x += 11;
            clock ^= ProbeClock.Now(); x *= 13;
            clock ^= ProbeClock.Now(); x ^= x >> 7;
            clock ^= ProbeClock.Now(); x += 17;
            clock ^= ProbeClock.Now(); x *= 19;
            clock ^= ProbeClock.Now(); x ^= x >> 11;
            clock ^= ProbeClock.Now(); return x ^ (clock & 1);
        }
    }
}
