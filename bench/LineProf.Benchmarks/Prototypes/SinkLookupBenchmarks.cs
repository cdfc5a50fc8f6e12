using System;
using System.Threading;
using BenchmarkDotNet.Attributes;

namespace LineProf.Benchmarks.Prototypes;

/// <summary>
/// A prototype, not LineProf's code: ways an inert probe's Enter could find out that nobody collects the current
/// work. Every woven invocation pays this once, so on short methods it is most of the inert probe's cost per line.
/// Measured inside a request LineProf leaves alone (an AsyncLocal value is set, as for an excluded request).
/// </summary>
public class SinkLookupBenchmarks
{
    private static readonly AsyncLocal<object?> s_sink = new();
    private static readonly object s_unprofiled = new();
    private static volatile int s_collectingSinks;

    [ThreadStatic] private static object? t_counters;
    [ThreadStatic] private static ExecutionContext? t_context;
    [ThreadStatic] private static object? t_contextSink;

    [GlobalSetup]
    public void EnterUnprofiledRequest()
    {
        s_sink.Value = s_unprofiled;
        s_collectingSinks = 0; // the state the flag's fast path is for
        t_counters = null;     // a thread that has never counted anything
    }

    /// <summary>What ThreadCounters.ForCurrentWork does today: the AsyncLocal, then the thread's counters.</summary>
    [Benchmark(Baseline = true)]
    public bool AsyncLocalThenThreadStatic()
    {
        var sink = s_sink.Value ?? s_unprofiled;
        var counters = t_counters;
        return counters != null || ReferenceEquals(sink, s_unprofiled);
    }

    /// <summary>
    /// The sink cached per thread under the ExecutionContext it was read in. An ExecutionContext is immutable (an
    /// AsyncLocal write makes a new one), so the same context object means the same sink.
    /// </summary>
    [Benchmark]
    public bool ContextIdentityCache()
    {
        var context = ExecutionContext.Capture();
        object? sink;
        if (context != null && ReferenceEquals(context, t_context))
        {
            sink = t_contextSink;
        }
        else
        {
            sink = s_sink.Value ?? s_unprofiled;
            t_context = context;
            t_contextSink = sink;
        }

        return ReferenceEquals(sink, s_unprofiled);
    }

    /// <summary>
    /// A process-wide count of sinks that collect: while it is zero (profiling outside requests off and no profiled
    /// request in flight) every Enter can stop after one volatile read.
    /// </summary>
    [Benchmark]
    public bool NobodyCollectsFlag() => s_collectingSinks == 0;
}
