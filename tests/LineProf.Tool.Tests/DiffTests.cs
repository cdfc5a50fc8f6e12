using System.Text.Json;

namespace LineProf.Tool.Tests;

public class DiffTests
{
    [Test]
    public void Diff_puts_the_line_that_got_slower_first_comparing_it_per_request()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("before.json", Reports.App(slowLookupNs: 40_000_000));
        scratch.WriteReport("after.json", Reports.App(slowLookupNs: 200_000_000));

        var json = scratch.Lineprof("diff", "before.json", "after.json", "--format", "json");
        var text = scratch.Lineprof("diff", "before.json", "after.json");

        Assert.That(json.ExitCode, Is.Zero, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        var first = document.RootElement.GetProperty("lines")[0];
        Assert.Multiple(() =>
        {
            // Each of the 3 retained requests ran the lookup once: 4 ms before, 20 ms after.
            Assert.That(first.GetProperty("line").GetInt32(), Is.EqualTo(42));
            Assert.That(first.GetProperty("method").GetString(), Is.EqualTo(Reports.GetOrder));
            Assert.That(first.GetProperty("basis").GetString(), Is.EqualTo("median of 3/3"));
            Assert.That(first.GetProperty("requestsBefore").GetInt32(), Is.EqualTo(3));
            Assert.That(first.GetProperty("timeBeforeNs").GetInt64(), Is.EqualTo(4_000_000));
            Assert.That(first.GetProperty("timeAfterNs").GetInt64(), Is.EqualTo(20_000_000));
            Assert.That(first.GetProperty("selfChangeNs").GetDouble(), Is.EqualTo(16_000_000));
            Assert.That(first.GetProperty("timeRatio").GetDouble(), Is.EqualTo(5));
            Assert.That(document.RootElement.GetProperty("lines")[1].GetProperty("basis").GetString(), Is.EqualTo("total"),
                "a line no retained request ran is compared by its totals");
            Assert.That(document.RootElement.GetProperty("methods")[0].GetProperty("method").GetString(), Is.EqualTo(Reports.GetOrder));
            Assert.That(document.RootElement.GetProperty("endpoints")[0].GetProperty("basis").GetString(), Is.EqualTo("median of 3/3"));

            Assert.That(text.ExitCode, Is.Zero, text.ToString());
            var firstRow = text.Output.Split('\n').SkipWhile(l => l != "Lines").Skip(2).First();
            Assert.That(firstRow, Does.Contain("+16 ms").And.Contain("OrdersController.cs:42").And.Contain("5x").And.Contain("median of 3/3"), text.Output);
        });
    }

    [Test]
    public void Diff_fail_if_slower_exits_non_zero_for_a_selected_method_or_line_that_got_slower()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("before.json", Reports.App(slowLookupNs: 40_000_000));
        scratch.WriteReport("after.json", Reports.App(slowLookupNs: 50_000_000));

        // The lookup takes 4 ms a request before, 5 ms after: a change of 1 ms, above a floor of 0.5 ms.
        var orders = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10", "--min-time", "0.5ms", "--match", "App.Controllers.*");
        var line = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10%", "--min-time", "0.5ms", "--match", "OrdersController.cs:42");
        var tolerant = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "30", "--min-time", "0.5ms", "--match", "App.Controllers.*");
        var csv = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10", "--min-time", "0.5ms", "--match", "App.Services.*");

        Assert.Multiple(() =>
        {
            Assert.That(orders.ExitCode, Is.EqualTo(3), orders.ToString());
            Assert.That(orders.Errors, Does.Contain("method " + Reports.GetOrder).And.Contain("line OrdersController.cs:42"), orders.ToString());
            Assert.That(orders.Errors, Does.Contain("4 ms -> 5 ms per request (median of 3 -> 3 requests)"), orders.ToString());
            Assert.That(line.ExitCode, Is.EqualTo(3), line.ToString());
            Assert.That(tolerant.ExitCode, Is.Zero, "25% slower is within 30%: " + tolerant);
            Assert.That(csv.ExitCode, Is.Zero, "the CSV export did not change: " + csv);
            Assert.That(csv.Output, Does.Not.Contain("OrdersController"), "--match also selects what is shown");
        });
    }

    [Test]
    public void Overloads_are_compared_apart_and_a_match_without_parameters_selects_each_of_them()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("before.json", Overloads(stepNs: 10_000_000));
        scratch.WriteReport("after.json", Overloads(stepNs: 30_000_000));

        var result = scratch.Lineprof("diff", "before.json", "after.json", "--fail-if-slower", "10", "--match", "App.Math.Outer");
        var json = scratch.Lineprof("diff", "before.json", "after.json", "--format", "json");

        using var document = JsonDocument.Parse(json.Output);
        var methods = document.RootElement.GetProperty("methods").EnumerateArray()
            .ToDictionary(m => m.GetProperty("method").GetString()!, m => m.GetProperty("countAfter").GetInt64());
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Errors, Does.Contain("method App.Math.Outer(int, int)"), result.ToString());
            Assert.That(result.Errors, Does.Not.Contain("method App.Math.Outer(int):"), "the overload that did not change is not blamed");
            Assert.That(methods, Is.EquivalentTo(new Dictionary<string, long> { ["App.Math.Outer(int)"] = 100, ["App.Math.Outer(int, int)"] = 200 }));
        });

        static LineProf.Reporting.ProfileReport Overloads(long stepNs)
        {
            const string file = "/src/App/Math.cs";
            var report = new LineProf.Reporting.ProfileReport { RequestCount = 1 };
            report.Lines.Add(Reports.Line(file, 10, "App.Math.Outer(int)", 100, 40_000_000, 1_000_000, "return Outer(n, 1);"));
            report.Lines.Add(Reports.Line(file, 15, "App.Math.Outer(int, int)", 200, stepNs, stepNs, "return n * step;"));
            report.Methods.Add(Reports.Method(file, 10, "App.Math.Outer(int)", 100, 40_000_000, 1_000_000));
            report.Methods.Add(Reports.Method(file, 15, "App.Math.Outer(int, int)", 200, stepNs, stepNs));
            return report;
        }
    }

    [Test]
    public void A_lambda_an_edit_moved_pairs_with_itself_though_its_name_holds_its_line()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("before.json", Lambda(line: 24, timeNs: 30_000_000));
        scratch.WriteReport("after.json", Lambda(line: 27, timeNs: 10_000_000));

        var result = scratch.Lineprof("diff", "before.json", "after.json", "--format", "json");

        using var document = JsonDocument.Parse(result.Output);
        var method = document.RootElement.GetProperty("methods").EnumerateArray().ToList();
        var lines = document.RootElement.GetProperty("lines").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(method, Has.Count.EqualTo(1), "one method, neither new nor gone: " + result.Output);
            Assert.That(method[0].GetProperty("method").GetString(), Is.EqualTo("Program.Main lambda@27"));
            Assert.That(method[0].GetProperty("timeBeforeNs").GetInt64(), Is.EqualTo(30_000_000));
            Assert.That(lines, Has.Count.EqualTo(1), result.Output);
            Assert.That(lines[0].GetProperty("status").GetString(), Is.EqualTo("moved"));
            Assert.That(lines[0].GetProperty("lineBefore").GetInt32(), Is.EqualTo(25));
        });

        static LineProf.Reporting.ProfileReport Lambda(int line, long timeNs)
        {
            var report = new LineProf.Reporting.ProfileReport { RequestCount = 1 };
            var name = $"Program.Main lambda@{line}";
            report.Lines.Add(Reports.Line("/src/App/Program.cs", line + 1, name, 12, timeNs, timeNs, "var order = await store.FindOrderAsync(id, cancel);"));
            report.Methods.Add(Reports.Method("/src/App/Program.cs", line + 1, name, 12, timeNs, timeNs));
            return report;
        }
    }

    [Test]
    public void Diff_pairs_a_line_an_edit_moved_by_its_text()
    {
        using var scratch = new Scratch();
        var after = Reports.App();
        foreach (var line in after.Lines.Where(l => l.File == Reports.OrdersFile)) line.Line += 3; // three lines inserted above
        after.Lines.Add(Reports.Line(Reports.OrdersFile, 42, Reports.GetOrder, 10, 1_000, 1_000, "logger.LogInformation(\"get\");"));
        scratch.WriteReport("before.json", Reports.App());
        scratch.WriteReport("after.json", after);

        var result = scratch.Lineprof("diff", "before.json", "after.json", "--format", "json");

        using var document = JsonDocument.Parse(result.Output);
        var rows = document.RootElement.GetProperty("lines").EnumerateArray().ToList();
        var lookup = rows.Single(r => r.GetProperty("source").GetString()!.Contains("FindAsync", StringComparison.Ordinal));
        var added = rows.Single(r => r.GetProperty("source").GetString()!.Contains("LogInformation", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(lookup.GetProperty("lineBefore").GetInt32(), Is.EqualTo(42));
            Assert.That(lookup.GetProperty("line").GetInt32(), Is.EqualTo(45));
            Assert.That(lookup.GetProperty("status").GetString(), Is.EqualTo("moved"));
            Assert.That(lookup.GetProperty("selfChangeNs").GetDouble(), Is.Zero);
            Assert.That(added.GetProperty("status").GetString(), Is.EqualTo("new"));
            Assert.That(added.GetProperty("timeBeforeNs").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }
}
