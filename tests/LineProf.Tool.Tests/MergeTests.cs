using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

public class MergeTests
{
    [Test]
    public void Merge_sums_lines_methods_and_endpoints_exactly()
    {
        using var scratch = new Scratch();
        var a = Reports.App("a", slowLookupNs: 40_000_001, requests: 10);
        var b = Reports.App("b", slowLookupNs: 70_000_003, requests: 7);
        b.Lines.Add(Reports.Line(Reports.OrdersFile, 50, "App.Controllers.OrdersController.Delete", 2, 500, 400, "db.Remove(order);"));
        b.Endpoints[0].MaxNs = 30_000_000;
        scratch.WriteReport("a.json", a);
        scratch.WriteReport("b.json", b);

        var result = scratch.Lineprof("merge", "a.json", "b.json", "-o", "merged.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        // The tests' own strict reader: every field of the merged file maps to the runtime's model. The inputs' figures
        // are picked to show each sum, not to add up as a real report's do: the invariants are checked on whole reports below.
        var merged = ReportFile.Read(scratch.PathOf("merged.json"));
        var lookup = merged.Lines.Single(l => l.Line == 42);
        var loop = merged.Lines.Single(l => l.Line == 15);
        var endpoint = merged.Endpoints.Single();
        Assert.Multiple(() =>
        {
            Assert.That(merged.SchemaVersion, Is.EqualTo(ProfileReport.CurrentSchemaVersion));
            Assert.That(merged.RequestCount, Is.EqualTo(a.RequestCount + b.RequestCount));
            Assert.That(merged.Lines, Has.Count.EqualTo(5), "four shared lines and one only in b");
            Assert.That(lookup.Hits, Is.EqualTo(17));
            Assert.That(lookup.TimeNs, Is.EqualTo(110_000_004));
            Assert.That(lookup.SelfNs, Is.EqualTo(110_000_004));
            Assert.That(lookup.TimeErrorNs, Is.EqualTo(a.Lines[0].TimeErrorNs + b.Lines[0].TimeErrorNs), "exact mode's per-hit bound adds up");
            Assert.That(loop.Hits, Is.EqualTo(24_006));
            Assert.That(loop.Source, Is.EqualTo(a.Lines[3].Source));
            Assert.That(merged.Methods.Single(m => m.Method == Reports.GetOrder).Calls, Is.EqualTo(17));
            Assert.That(merged.Methods.Single(m => m.Method == Reports.ToCsv).TimeNs, Is.EqualTo(2 * 1_760_020_000L));
            Assert.That(endpoint.Count, Is.EqualTo(17));
            Assert.That(endpoint.TotalNs, Is.EqualTo(85_000_000));
            Assert.That(endpoint.MeanNs, Is.EqualTo(5_000_000));
            Assert.That(endpoint.MaxNs, Is.EqualTo(30_000_000));
            Assert.That(endpoint.Lines.Single().Hits, Is.EqualTo(17));
            Assert.That(merged.Requests.Select(r => r.Id), Is.EquivalentTo(new[] { "a0", "a1", "a2", "b0", "b1", "b2" }), "the union of retained requests");
            Assert.That(merged.Requests.Select(r => r.DurationNs), Is.Ordered.Descending, "slowest first, as the runtime lists them");
            Assert.That(merged.OutsideRequests.Lines.Single().Hits, Is.EqualTo(2));
            Assert.That(result.Output, Does.Contain("Merged 2 reports into merged.json"));
            Assert.That(result.Errors, Does.Contain("approximation"), "says the percentiles are approximated");
        });
    }

    [Test]
    public void Merging_whole_reports_gives_a_whole_report_whose_rendered_page_shows_its_figures()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("a.json", Reports.Whole("a", requests: 7));
        scratch.WriteReport("b.json", Reports.Whole("b", requests: 4));

        var merge = scratch.Lineprof("merge", "a.json", "b.json", "-o", "lineprof.json");
        var render = scratch.Lineprof("render", "lineprof.json", "-o", "lineprof.html");

        Assert.That(merge.ExitCode, Is.Zero, merge.ToString());
        Assert.That(render.ExitCode, Is.Zero, render.ToString());
        // Checks every invariant, the page beside it included.
        var merged = ReportFile.Load(scratch.PathOf("lineprof.json"));
        Assert.That(merged.Requests, Has.Count.EqualTo(11));
    }

    [Test]
    public void Merge_of_sampled_reports_adds_the_errors_variances()
    {
        using var scratch = new Scratch();
        var a = Reports.App("a");
        var b = Reports.App("b");
        foreach (var report in new[] { a, b })
        {
            report.Mode = ProfilingModes.Sampled;
            report.SampleIntervalNs = 1_000_000;
        }

        a.Lines[0].TimeErrorNs = 3_000;
        b.Lines[0].TimeErrorNs = 4_000;
        scratch.WriteReport("a.json", a);
        scratch.WriteReport("b.json", b);

        var result = scratch.Lineprof("merge", "a.json", "b.json", "-o", "merged.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var merged = ReportFile.Read(scratch.PathOf("merged.json"));
        Assert.That(merged.Mode, Is.EqualTo(ProfilingModes.Sampled));
        Assert.That(merged.Lines.Single(l => l.Line == 42).TimeErrorNs, Is.EqualTo(5_000), "independent sampling errors: √(3² + 4²)");
    }

    [Test]
    public void Merge_refuses_to_mix_exact_and_sampled_reports()
    {
        using var scratch = new Scratch();
        var sampled = Reports.App("s");
        sampled.Mode = ProfilingModes.Sampled;
        scratch.WriteReport("exact.json", Reports.App("e"));
        scratch.WriteReport("sampled.json", sampled);

        var result = scratch.Lineprof("merge", "exact.json", "sampled.json", "-o", "merged.json");

        Lineprof.AssertUserError(result, "exact.json is exact", "sampled.json is sampled");
        Assert.That(File.Exists(scratch.PathOf("merged.json")), Is.False);
    }
}
