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
        foreach (var run in new[] { _runs.FirstRun, _runs.SecondRun, _runs.OtherCheckoutRun, _runs.TimedSmallMembersRun })
            Assert.That(SampleAppRuns.Load(run).Assemblies, Is.EqualTo(new[] { "CatalogApi" }), run);
        Assert.Multiple(() =>
        {
            Assert.That(SampleAppRuns.Load(_runs.FirstRun).Lines.Where(l => l.Counted).Select(l => l.Method), Does.Contain(FilterLambda),
                "the sample's one-line lambdas, records and getters are counted, not timed");
            Assert.That(SampleAppRuns.Load(_runs.TimedSmallMembersRun).Lines.Where(l => l.Counted), Is.Empty, "LineProfileTimeSmallMembers times them all");
        });
    }

    /// <summary>The category filter's lambda, <c>p => string.Equals(p.Category, category, …)</c>: one line, run on every product.</summary>
    private const string FilterLambda = "CatalogApi.Data.CatalogStore.ListProductsAsync lambda@46";

    [Test]
    public void The_samples_counted_members_read_in_caller_compare_their_hits_and_come_after_the_timed_rows()
    {
        var text = _scratch.Lineprof("diff", _runs.FirstRun, _runs.SecondRun, "-n", "0");
        var json = _scratch.Lineprof("diff", _runs.FirstRun, _runs.SecondRun, "--format", "json");

        Assert.That(text.ExitCode + json.ExitCode, Is.Zero, text + "\n" + json);
        using var document = JsonDocument.Parse(json.Output);
        var rows = text.Output.Split('\n');
        Assert.Multiple(() =>
        {
            foreach (var table in new[] { "methods", "lines" })
            {
                var all = document.RootElement.GetProperty(table).EnumerateArray().ToList();
                var counted = all.Where(r => r.GetProperty("countedBefore").GetBoolean() || r.GetProperty("countedAfter").GetBoolean()).ToList();
                Assert.That(counted.Select(r => r.GetProperty("method").GetString()), Does.Contain(FilterLambda), table);
                Assert.That(counted.Select(r => r.GetProperty("selfChangeNs").ValueKind).Concat(counted.Select(r => r.GetProperty("timeRatio").ValueKind)),
                    Has.All.EqualTo(JsonValueKind.Null), $"{table}: a counted member's 0 is not a time, so it has no change and no ratio");
                Assert.That(counted.Select(r => r.GetProperty("timeBeforeNs").GetInt64()), Has.All.Zero, $"{table}: scripts get the report's own figures");
                int firstCounted = all.FindIndex(r => r.GetProperty("countedBefore").GetBoolean() || r.GetProperty("countedAfter").GetBoolean());
                Assert.That(all.Skip(firstCounted).All(r => r.GetProperty("countedBefore").GetBoolean() || r.GetProperty("countedAfter").GetBoolean()),
                    Is.True, $"{table}: every counted member after every timed row, not among the unchanged ones");
            }

            Assert.That(rows, Has.Some.Match(@"^\s+in caller\s+in caller\s+[\d,]+\s+[\d,]+\s+median of 6/6\s+in caller\s+in caller\s+Data/CatalogStore\.cs:46\s+" + FilterLambda.Replace(".", @"\.")),
                "the filter's hits per request, compared, and no time nor bytes of its own: " + text);
            Assert.That(rows, Has.Some.StartsWith("in caller: a small member"), text.ToString());
        });
    }

    [Test]
    public void A_build_that_times_small_members_is_said_plainly_and_the_gate_judges_only_times_that_compare()
    {
        var text = _scratch.Lineprof("diff", _runs.FirstRun, _runs.TimedSmallMembersRun, "-n", "0");
        var json = _scratch.Lineprof("diff", _runs.FirstRun, _runs.TimedSmallMembersRun, "--format", "json");
        var back = _scratch.Lineprof("diff", _runs.TimedSmallMembersRun, _runs.FirstRun, "--format", "json");
        var gate = _scratch.Lineprof("diff", _runs.FirstRun, _runs.TimedSmallMembersRun, "--fail-if-slower", "10", "--strict");

        Assert.That(text.ExitCode + json.ExitCode + back.ExitCode, Is.Zero, text + "\n" + json + "\n" + back);
        using var forward = JsonDocument.Parse(json.Output);
        using var backward = JsonDocument.Parse(back.Output);
        var nowTimed = forward.RootElement.GetProperty("lines").EnumerateArray().Where(r => r.GetProperty("countedBefore").GetBoolean()).ToList();
        var nowCounted = backward.RootElement.GetProperty("lines").EnumerateArray().Where(r => r.GetProperty("countedAfter").GetBoolean()).ToList();
        var members = nowTimed.Select(r => r.GetProperty("method").GetString()!).ToList();
        var rows = text.Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(members, Does.Contain(FilterLambda));
            Assert.That(nowTimed.Select(r => r.GetProperty("status").GetString()), Has.All.EqualTo("now timed"), json.Output);
            Assert.That(nowCounted.Select(r => r.GetProperty("status").GetString()), Has.All.EqualTo("now counted"), back.Output);
            Assert.That(nowCounted.Select(r => r.GetProperty("method").GetString()), Is.EquivalentTo(members));
            Assert.That(nowTimed.Concat(nowCounted).Select(r => r.GetProperty("timeRatio").ValueKind), Has.All.EqualTo(JsonValueKind.Null),
                "a time beside its caller's 0 is neither slower nor faster");
            Assert.That(rows, Has.Some.Match(@"^\s+in caller\s+\d[\d.]* [nµm]?s\s+[\d,]+\s+[\d,]+\s+median of 6/6\s+now timed\s+in caller\s+\S+\s+Data/CatalogStore\.cs:46\s"),
                "its time before is its caller's; after, its own: " + text);
            Assert.That(rows, Has.Some.StartsWith("now timed, now counted: the member was counted in one report and timed in the other"), text.ToString());
            Assert.That(gate.ExitCode, Is.AnyOf(0, 3), gate.ToString());
            foreach (var member in members)
                Assert.That(gate.Errors, Does.Not.Contain(" " + member + ":"), "a member timed in one build only is not judged: " + gate);
        });
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
