using System.Text.Json.Nodes;
using LineProf.Reporting;

namespace LineProf.Tool.Tests;

/// <summary>diff --fail-if-slower as a CI gate: what it must not cry wolf about, and what it must still catch.</summary>
public class GateTests
{
    private const string ExporterFile = "/src/App/Export/Exporter.cs";
    private const string ToCsv = "App.Export.Exporter.ToCsv";

    [Test]
    public void A_fix_that_cut_the_total_does_not_fail_on_the_small_lines_that_got_slower_and_says_so()
    {
        // The case from the issue: += in a loop replaced by a StringBuilder cut the self time from 2.5 s to 369 ms,
        // while three small lines crossed the 1 ms floor (the header's Append, a Task.Delay, the loop's header).
        using var scratch = new Scratch();
        scratch.WriteReport("before.json", Export(delayNs: 10_500_000, loopNs: 200_000, rowNs: 2_488_040_000, headerNs: 1_260_000, row: "csv += Row(rows[i]);"));
        scratch.WriteReport("after.json", Export(delayNs: 12_400_000, loopNs: 2_382_000, rowNs: 332_018_000, headerNs: 22_200_000, row: "sb.Append(Row(rows[i]));"));

        var gate = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10");
        var strict = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10", "--strict");

        Assert.Multiple(() =>
        {
            Assert.That(gate.ExitCode, Is.Zero, gate.ToString());
            Assert.That(gate.Output, Does.Contain("Self time of all lines: 2.5 s -> 369 ms (-2.13 s)"), gate.ToString());
            Assert.That(gate.Errors, Does.Contain("not failing since the self time of all lines per request fell from 2.5 s to 369 ms"), gate.ToString());
            Assert.That(gate.Errors, Does.Contain("Exporter.cs:16").And.Contain("Exporter.cs:13").And.Contain("Exporter.cs:14"), "the three lines are still listed");
            Assert.That(gate.Errors, Does.Contain("No endpoint, method or line fails the gate: 3 rows got slower, but"), gate.ToString());
            Assert.That(strict.ExitCode, Is.EqualTo(3), strict.ToString());
            Assert.That(strict.Errors, Does.Contain("Failing although the self time of all lines per request fell from 2.5 s to 369 ms"), strict.ToString());
        });
    }

    [Test]
    public void A_change_within_the_noise_of_the_two_runs_is_not_flagged_and_one_beyond_it_is()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("before.json", Lookups("a", 3, 5, 7, 9, 11));
        scratch.WriteReport("noise.json", Lookups("b", 4, 6, 8.5, 10, 12));
        scratch.WriteReport("slower.json", Lookups("c", 23, 25, 27, 29, 31));

        var noise = scratch.Lineprof("diff", "before.json", "noise.json", "--fail-if-slower", "10");
        var slower = scratch.Lineprof("diff", "before.json", "slower.json", "--fail-if-slower", "10");

        Assert.Multiple(() =>
        {
            // Medians 7 -> 8.5 ms (+21%, +1.5 ms) while each run's requests spread over 8 ms: noise, not a change.
            Assert.That(noise.ExitCode, Is.Zero, noise.ToString());
            Assert.That(slower.ExitCode, Is.EqualTo(3), slower.ToString());
            Assert.That(slower.Errors, Does.Contain("line OrdersController.cs:42 in " + Reports.GetOrder + ": 7 ms -> 27 ms per request (median of 5 -> 5 requests)"), slower.ToString());
            Assert.That(slower.Errors, Does.Contain("endpoint GET /orders/{id}"), "the endpoint's requests got slower too: " + slower);
        });
    }

    [Test]
    public void Warm_up_requests_are_left_out_unless_asked_for()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("before.json", Lookups("a", 3, 3, 3, 3, 3));
        var after = Lookups("b", 3, 3, 3, 3, 3, 10, 10, 10, 10, 10, 10);
        var json = JsonNode.Parse(ReportJson.Serialize(after))!;
        foreach (var request in json["requests"]!.AsArray().Where(r => (long)r!["durationNs"]! > 5_000_000)) request!["warmUp"] = true;
        scratch.WriteText("after.json", json.ToJsonString());

        var gate = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10");
        var included = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10", "--include-warm-up");

        Assert.Multiple(() =>
        {
            Assert.That(gate.ExitCode, Is.Zero, gate.ToString());
            Assert.That(gate.Output, Does.Contain("6 warm-up requests left out"), gate.ToString());
            Assert.That(included.ExitCode, Is.EqualTo(3), "with the warm-up requests the median is 10 ms: " + included);
        });
    }

    [Test]
    public void A_line_that_ran_only_in_the_warm_up_request_is_not_judged_by_its_total()
    {
        // What two identical runs of the sample app showed on a loaded machine: the store's constructor, run once by
        // the first request (a warm-up, left out), read 3 ms in one run and 11 ms in the next, and failed the gate on
        // its total against a floor of --min-time × √requests.
        using var scratch = new Scratch();
        scratch.WriteText("before.json", WithStartUpInTheWarmUp("a", startUpMs: 3));
        scratch.WriteText("after.json", WithStartUpInTheWarmUp("b", startUpMs: 11));

        var gate = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10");

        Assert.Multiple(() =>
        {
            Assert.That(gate.ExitCode, Is.Zero, gate.ToString());
            Assert.That(gate.Errors, Does.Contain("not judged: 2 rows slower by more than 10% ran in fewer than 3 of the compared requests")
                .And.Contain("warm-up requests and work outside requests are not compared"), "the line and its method, listed: " + gate);
        });
    }

    /// <summary>
    /// Six lookups of 3 ms, the first of them a warm-up that also ran a store's constructor for
    /// <paramref name="startUpMs"/>, as lineprof.json.
    /// </summary>
    private static string WithStartUpInTheWarmUp(string prefix, double startUpMs)
    {
        const string StoreFile = "/src/App/Services/CatalogStore.cs";
        const string StoreCtor = "App.Services.CatalogStore..ctor";
        var report = Lookups(prefix, 3, 3, 3, 3, 3, 3);
        long startUpNs = (long)(startUpMs * 1e6);
        var first = report.Requests.Single(r => r.Id == prefix + "0");
        first.DurationNs += startUpNs;
        var line = Reports.Line(StoreFile, 20, StoreCtor, 1, startUpNs, startUpNs, "_products = LoadProducts();");
        var method = Reports.Method(StoreFile, 18, StoreCtor, 1, startUpNs, startUpNs);
        first.Lines.Add(Reports.RequestLine(line, 1, startUpNs));
        first.Methods.Add(method);
        report.Lines.Add(line);
        report.Methods.Add(method);
        report.Endpoints[0].Lines.Add(Reports.RequestLine(line, 1, startUpNs));
        report.Endpoints[0].Methods.Add(Reports.Method(StoreFile, 18, StoreCtor, 1, startUpNs, startUpNs));

        var json = JsonNode.Parse(ReportJson.Serialize(report))!;
        json["requests"]!.AsArray().Single(r => (string)r!["id"]! == prefix + "0")!["warmUp"] = true;
        return json.ToJsonString();
    }

    /// <summary>One request per figure, each running the lookup line for that many milliseconds; every figure consistent.</summary>
    private static ProfileReport Lookups(string prefix, params double[] lookupMs)
    {
        var report = Reports.Whole(prefix, lookupMs.Length);
        for (int i = 0; i < lookupMs.Length; i++)
        {
            var request = report.Requests.Single(r => r.Id == prefix + i);
            long lookupNs = (long)(lookupMs[i] * 1e6);
            var line = request.Lines.Single(l => l.Line == 42);
            line.TimeNs = line.SelfNs = lookupNs;
            request.DurationNs = lookupNs + 50_000;
            request.Methods[0].TimeNs = lookupNs + 30_000;
            request.Methods[0].SelfNs = lookupNs + 20_000;
        }

        report.Lines.Single(l => l.Line == 42).TimeNs = report.Lines.Single(l => l.Line == 42).SelfNs = lookupMs.Sum(ms => (long)(ms * 1e6));
        report.Endpoints[0].Lines.Single(l => l.Line == 42).TimeNs = report.Lines.Single(l => l.Line == 42).TimeNs;
        report.Endpoints[0].Lines.Single(l => l.Line == 42).SelfNs = report.Lines.Single(l => l.Line == 42).TimeNs;
        return report;
    }

    /// <summary>A run of one export request, as totals only (the report retains no request).</summary>
    private static ProfileReport Export(long delayNs, long loopNs, long rowNs, long headerNs, string row)
    {
        var report = new ProfileReport { Mode = ProfilingModes.Exact, RequestCount = 1 };
        report.Lines.Add(Reports.Line(ExporterFile, 13, ToCsv, 1, delayNs, delayNs, "await Task.Delay(10);"));
        report.Lines.Add(Reports.Line(ExporterFile, 14, ToCsv, 4_001, loopNs, loopNs, "for (int i = 0; i < rows.Count; i++)"));
        report.Lines.Add(Reports.Line(ExporterFile, 15, ToCsv, 4_000, rowNs, rowNs, row));
        report.Lines.Add(Reports.Line(ExporterFile, 16, ToCsv, 1, headerNs, headerNs, "sb.Append(Header);"));
        long total = delayNs + loopNs + rowNs + headerNs;
        report.Methods.Add(Reports.Method(ExporterFile, 12, ToCsv, 1, total, total));
        return report;
    }
}
