using System.Diagnostics;
using LineProf.Collection;
using LineProf.Reporting;

namespace LineProf.Runtime.Tests;

/// <summary>
/// The clock every LineProf timestamp comes from, whichever this machine gives (the processor's counter here when
/// the kernel vouches for it, else Stopwatch): it never goes back on a thread, and its ticks convert to the time
/// Stopwatch measures over the same interval; the report names it.
/// </summary>
[NonParallelizable]
public sealed class ProbeClockTests
{
    [Test]
    public void The_clock_never_goes_back_on_a_thread_while_threads_move_between_cores()
    {
        // More threads than cores, each yielding now and then, so the scheduler moves them between cores.
        var backwards = new long[Environment.ProcessorCount * 2];
        var threads = Enumerable.Range(0, backwards.Length).Select(t => new Thread(() =>
        {
            long last = ProbeClock.Now();
            for (int i = 0; i < 200_000; i++)
            {
                long now = ProbeClock.Now();
                if (now < last) backwards[t]++;
                last = now;
                if (i % 1000 == 0) Thread.Yield();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(backwards, Is.All.EqualTo(0), "reads earlier than the previous read on the same thread");
    }

    [Test]
    public void Its_ticks_convert_to_the_time_Stopwatch_measures_over_the_same_interval()
    {
        // The interval ends when another thread signals, not after a guessed time; each end is a pair of readings
        // taken close together (a pair split by a preemption is read again).
        using var signal = new ManualResetEventSlim();
        var start = ReadTogether();
        using var timer = new Timer(_ => signal.Set(), null, 200, Timeout.Infinite);
        signal.Wait();
        var end = ReadTogether();

        long stopwatchNs = (long)((end.Stopwatch - start.Stopwatch) * (1e9 / Stopwatch.Frequency));
        long clockNs = ProbeClock.Nanoseconds(end.Clock - start.Clock);
        Assert.That(clockNs, Is.EqualTo(stopwatchNs).Within(stopwatchNs / 100 + 100_000), $"clock: {ProbeClock.Name}");
    }

    [Test]
    public void Recalibrating_keeps_the_conversion_within_the_start_up_measurement()
    {
        long before = ProbeClock.Frequency;
        ProbeClock.Recalibrate();
        Assert.That(ProbeClock.Frequency, Is.EqualTo(before).Within(before / 1000), $"clock: {ProbeClock.Name}");
    }

    [Test]
    public void The_report_names_the_clock()
    {
        var json = ReportJson.Serialize(LineProfiler.Shared.CreateReport());

        Assert.Multiple(() =>
        {
            Assert.That(ProbeClock.Name, Is.AnyOf("tsc", "stopwatch"));
            Assert.That(json, Does.Contain("\"clock\":\"" + ProbeClock.Name + "\""));
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ProbeClock.Variable)))
                Assert.That(ProbeClock.Name == "tsc", Is.EqualTo(ProcessorCounter.Available), "by default, the counter wherever it is safe: " + ProbeClock.Unavailable);
        });
    }

    private static (long Clock, long Stopwatch) ReadTogether()
    {
        while (true)
        {
            long before = Stopwatch.GetTimestamp();
            long clock = ProbeClock.Now();
            long after = Stopwatch.GetTimestamp();
            if (after - before < Stopwatch.Frequency / 100_000) return (clock, before + (after - before) / 2); // 10 µs
        }
    }
}
