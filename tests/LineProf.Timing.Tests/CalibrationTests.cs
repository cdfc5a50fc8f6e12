using LineProf.Testing;
using LineProf.Reporting;
using LineProf.TimingCases;

namespace LineProf.Timing.Tests;

/// <summary>The probe's own cost is measured and taken off, so a line that does nothing reports close to zero.</summary>
public sealed class CalibrationTests
{
    [Test]
    public async Task An_empty_line_reports_close_to_zero_per_hit()
    {
        // Hot code is what users profile: let the tiered JIT optimize the method first, as it would in a running app.
        for (int round = 0; round < 5; round++)
        {
            for (int call = 0; call < 50; call++) EmptyLines.Run(10);
            await Task.Delay(150);
        }

        // The best of many short runs: a thread preempted mid-run adds milliseconds that are nobody's probe cost.
        var runs = new List<Reporting.RequestLine>();
        for (int run = 0; run < 25; run++) runs.Add((await Profiled.Request(() => EmptyLines.Run(20_000))).Line("empty"));
        var empty = runs.OrderBy(l => l.TimeNs).First();
        var overhead = LineProfiler.Shared.CreateReport().ProbeOverheadNs;
        double perHit = (double)empty.TimeNs / empty.Hits;
        Assert.Multiple(() =>
        {
            Assert.That(empty.Hits, Is.EqualTo(20_000));
            Assert.That(overhead, Is.InRange(5, 500), "the measured cost of a probe, in nanoseconds");
            Assert.That(perHit, Is.LessThan(overhead / 2.0), $"an empty line costs {perHit:F1} ns per hit after calibration (probe: {overhead} ns)");
        });
    }
}

/// <summary>What a woven callee's probes cost its caller is taken off the calling line too.</summary>
public sealed class CallCalibrationTests
{
    private const int Hits = 2_000;

    /// <summary>
    /// The category of tests that compare a call's cost as the probe measured it with what calls cost later: their
    /// process runs on one processor (build/test.sh runs them under <c>taskset -c 0</c>). The two vCPUs of the VMs
    /// this project is tested on at times differ: a framed call cost 43-45 ns on one and 57-82 ns on the other, a
    /// probe 29 and 35 ns, so a measurement taken on one read up to 40 ns off on the other.
    /// </summary>
    public const string OneProcessor = "OneProcessor";

    [Test, Category(OneProcessor)]
    public async Task A_line_calling_a_trivial_woven_method_reads_close_to_the_same_line_calling_it_unwoven()
    {
        if (Environment.ProcessorCount > 1)
            Assert.Ignore("Compares per-call costs measured on different threads: run it on one processor, as build/test.sh does " +
                "(taskset -c 0 dotnet test tests/LineProf.Timing.Tests --filter TestCategory=" + OneProcessor + ").");

        // The probe measures what a call costs in the context of the first profiled requests, on a thread of its own:
        // serve requests until it says it has (an event, not a guessed time), as an app's first requests would.
        var calibrated = ProbeCalibration.CallsCalibrated;
        var giveUp = Task.Delay(TimeSpan.FromMinutes(3));
        while (!calibrated.IsCompleted && !giveUp.IsCompleted) await Profiled.Request(() => CallCosts.Calls(10));
        Assert.That(calibrated.IsCompleted, Is.True, "the probe's calibration of a call never finished");

        // Many short runs: one fits in a time slice, so most are never preempted. The three lines share one loop, so
        // what a busy machine adds falls on all three, and each run's differences are compared at their median.
        var framed = new List<double>();
        var counted = new List<double>();
        for (int run = 0; run < 61; run++)
        {
            var request = await Profiled.Request(() => CallCosts.Calls(Hits));
            double unwoven = PerHit(request.Line("calls-unwoven"));
            framed.Add(PerHit(request.Line("calls-framed")) - unwoven);
            counted.Add(PerHit(request.Line("calls-counted")) - unwoven);
        }

        double framedNs = Median(framed), countedNs = Median(counted);
        var overhead = LineProfiler.Shared.CreateReport().ProbeOverheadNs;
        TestContext.Out.WriteLine($"self per hit beyond the line calling the unwoven method (median of 61 runs): {framedNs:F1} ns calling a framed woven method, {countedNs:F1} ns calling a counted one (a probe costs {overhead} ns)");
        // Uncorrected, the framed call read about 70 ns more per hit here (72.3 against 4.2 ns; the issue saw 43.4 against 1.4).
        Assert.Multiple(() =>
        {
            Assert.That(framedNs, Is.InRange(-20, 20), "a line calling a framed woven method, beyond the same line calling it unwoven, ns per hit");
            Assert.That(countedNs, Is.InRange(-20, 20), "a line calling a counted small member, beyond the same line calling it unwoven, ns per hit");
        });
    }

    private static double PerHit(Reporting.RequestLine line)
    {
        Assert.That(line.Hits, Is.EqualTo(Hits));
        Assert.That(line.SelfNs, Is.LessThanOrEqualTo(line.TimeNs));
        return (double)line.SelfNs / line.Hits;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
