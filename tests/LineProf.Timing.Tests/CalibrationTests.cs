using LineProf.Testing;
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
