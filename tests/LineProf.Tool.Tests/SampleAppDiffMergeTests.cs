using System.Text.Json;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

/// <summary>diff and merge on real reports of the sample app: identical runs, two checkouts, the same run twice.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SampleAppDiffMergeTests
{
    private SampleAppRuns _runs = null!;
    private Scratch _scratch = null!;

    [OneTimeSetUp]
    public async Task BuildAndRunTheSampleAppThreeTimes()
    {
        _runs = await SampleAppRuns.CreateAsync();
        _scratch = new Scratch();
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        _scratch?.Dispose();
        _runs?.Dispose();
    }

    [Test]
    public void Each_run_names_the_app_by_its_woven_assembly_and_holds_every_invariant()
    {
        foreach (var run in new[] { _runs.FirstRun, _runs.SecondRun, _runs.OtherCheckoutRun })
            Assert.That(SampleAppRuns.Load(run).Assemblies, Is.EqualTo(new[] { "CatalogApi" }), run);
    }

    [Test]
    public void Two_identical_runs_of_the_sample_app_pass_the_gate()
    {
        var gate = _scratch.Lineprof("diff", _runs.FirstRun, _runs.SecondRun, "--fail-if-slower", "10");
        var json = _scratch.Lineprof("diff", _runs.FirstRun, _runs.SecondRun, "--format", "json");

        using var document = JsonDocument.Parse(json.Output);
        var bases = document.RootElement.GetProperty("lines").EnumerateArray().Select(r => r.GetProperty("basis").GetString()!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(gate.ExitCode, Is.Zero, gate.ToString());
            Assert.That(gate.Output, Does.Contain("Compared per request"), gate.ToString());
            Assert.That(bases, Has.Some.StartsWith("median of 6/6"), "the export's lines ran in each of its 7 requests, the first a warm-up left out: " + json.Output);
            Assert.That(document.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("basis").GetString()),
                Has.All.EqualTo("median of 6/6"), "each endpoint's first request is its warm-up, left out: " + json.Output);
            Assert.That(document.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("countAfter").GetInt64()),
                Has.All.EqualTo(7), "an endpoint's count is its requests: " + json.Output);
        });
    }

    [Test]
    public void Reports_from_two_checkouts_pair_their_lines_by_the_paths_below_the_checkouts()
    {
        var automatic = _scratch.Lineprof("diff", _runs.FirstRun, _runs.OtherCheckoutRun, "--format", "json");
        var given = _scratch.Lineprof("diff", _runs.FirstRun, _runs.OtherCheckoutRun, "--format", "json",
            "--path-prefix", _runs.FirstCheckout + "=" + _runs.SecondCheckout);

        Assert.Multiple(() =>
        {
            foreach (var result in new[] { automatic, given })
            {
                Assert.That(result.ExitCode, Is.Zero, result.ToString());
                using var document = JsonDocument.Parse(result.Output);
                var lines = document.RootElement.GetProperty("lines").EnumerateArray().ToList();
                Assert.That(lines, Is.Not.Empty);
                Assert.That(lines.Where(l => l.GetProperty("status").ValueKind != JsonValueKind.Null).Select(l => l.GetProperty("file").GetString()),
                    Is.Empty, "every line of one build pairs with the same line of the other: " + result);
                var hot = lines.Single(l => l.GetProperty("source").GetString()!.StartsWith("csv += ", StringComparison.Ordinal));
                Assert.That(hot.GetProperty("file").GetString(), Does.StartWith(_runs.SecondCheckout));
            }

            Assert.That(automatic.Errors, Does.Contain("built in different folders").And.Contain(_runs.FirstCheckout).And.Contain(_runs.SecondCheckout));
            Assert.That(given.Errors, Does.Contain("--path-prefix: ").And.Contain("read as under " + _runs.SecondCheckout));
        });
    }

    [Test]
    public void A_diff_that_pairs_nothing_says_why()
    {
        var otherApp = Reports.App();
        otherApp.Assemblies.Add("OrdersApp");
        // A file name and a lambda the sample has too: another app's Program.cs is not the sample's in another folder.
        otherApp.Lines.Add(Reports.Line("/src/OrdersApp/Program.cs", 13, "Program.Main lambda@13", 1, 1_000, 1_000, "var products = await store.ListProductsAsync(category, cancel);"));
        _scratch.WriteReport("orders-app.json", otherApp);

        var apps = _scratch.Lineprof("diff", _runs.FirstRun, "orders-app.json");
        var gate = _scratch.Lineprof("diff", _runs.FirstRun, "orders-app.json", "--fail-if-slower", "10");
        var wrongPrefix = _scratch.Lineprof("diff", _runs.FirstRun, _runs.OtherCheckoutRun, "--path-prefix", "/nowhere/=" + _runs.SecondCheckout);

        Assert.Multiple(() =>
        {
            Assert.That(apps.ExitCode, Is.Zero, apps.ToString());
            Assert.That(apps.Errors, Does.Contain("no line pairs").And.Contain("different apps").And.Contain("CatalogApi and OrdersApp"), apps.ToString());
            Assert.That(gate.ExitCode, Is.EqualTo(1), "a gate with nothing to compare does not pass: " + gate);
            Assert.That(gate.Errors, Does.Contain("the gate has nothing to compare"), gate.ToString());
            Assert.That(wrongPrefix.Errors, Does.Contain("--path-prefix /nowhere/= matches no file of").And.Contain(_runs.FirstCheckout), wrongPrefix.ToString());
        });
    }

    [Test]
    public void Merge_warns_of_the_same_file_twice_and_of_a_copy_of_it()
    {
        File.Copy(_runs.FirstRun, _scratch.PathOf("copy.json"), overwrite: true);

        var twice = _scratch.Lineprof("merge", _runs.FirstRun, _runs.FirstRun, "-o", "twice.json");
        var copy = _scratch.Lineprof("merge", _runs.FirstRun, "copy.json", "-o", "copy-merged.json");
        var two = _scratch.Lineprof("merge", _runs.FirstRun, _runs.SecondRun, "-o", "two.json");

        Assert.Multiple(() =>
        {
            Assert.That(twice.ExitCode, Is.Zero, twice.ToString());
            Assert.That(twice.Errors, Does.Contain("warning: " + _runs.FirstRun + " is given twice"), twice.ToString());
            Assert.That(copy.Errors, Does.Contain("warning: ").And.Contain("share 35 retained requests"), copy.ToString());
            Assert.That(two.ExitCode, Is.Zero, two.ToString());
            Assert.That(two.Errors, Does.Not.Contain("warning"), "two runs share no request: " + two);
            Assert.That(ReportFile.Load(_scratch.PathOf("two.json")).Assemblies, Is.EqualTo(new[] { "CatalogApi" }));
        });
    }

    [Test]
    public void Merge_refuses_reports_of_different_apps_unless_told_to()
    {
        var otherApp = Reports.App();
        otherApp.Assemblies.Add("OrdersApp");
        _scratch.WriteReport("orders-app.json", otherApp);

        var refused = _scratch.Lineprof("merge", _runs.FirstRun, "orders-app.json", "-o", "refused.json");
        var allowed = _scratch.Lineprof("merge", _runs.FirstRun, "orders-app.json", "-o", "allowed.json", "--allow-different-apps");

        Lineprof.AssertUserError(refused, "different apps", "CatalogApi and OrdersApp", "--allow-different-apps");
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(_scratch.PathOf("refused.json")), Is.False);
            Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString());
            Assert.That(ReportFile.Read(_scratch.PathOf("allowed.json")).Assemblies, Is.EqualTo(new[] { "CatalogApi", "OrdersApp" }));
        });
    }
}
