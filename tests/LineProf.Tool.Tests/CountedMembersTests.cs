using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

/// <summary>
/// A small member (one line, no loop) is counted, not timed: its time is its caller's. The terminal shows "in caller"
/// for it rather than a 0 ns that reads as free, ranks it after the timed lines, says what it means, and merge keeps
/// the mark; scripts still get the report's own figures.
/// </summary>
public class CountedMembersTests
{
    private const string MappingFile = "/src/App/Controllers/Mapping.cs";
    private const string ToDto = "App.Controllers.Mapping.ToDto(Order)";

    /// <summary>
    /// The app's report plus a counted mapper called on every order, and a timed line with no self time of its own
    /// (all of it deeper), which a counted line at 0 would tie with; its file sorts after the mapper's.
    /// </summary>
    private static ProfileReport WithCountedMember()
    {
        var report = Reports.App();
        report.Lines.Add(Reports.Line(Reports.OrdersFile, 44, Reports.GetOrder, 10, 5_000, 0, "return Ok(Mapping.ToDto(order));"));
        var toDto = Reports.Line(MappingFile, 8, ToDto, 10, 0, 0, "public static OrderDto ToDto(Order o) => new(o.Id, o.Name);");
        toDto.Counted = true;
        toDto.TimeErrorNs = 0;
        report.Lines.Add(toDto);
        var method = Reports.Method(MappingFile, 8, ToDto, 10, 0, 0);
        method.Counted = true;
        report.Methods.Add(method);
        return report;
    }

    [Test]
    public void Top_shows_in_caller_for_a_counted_line_ranks_it_after_the_timed_lines_and_says_why()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", WithCountedMember());

        var result = scratch.Lineprof("top", "lineprof.json", "-n", "0");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Skip(2).TakeWhile(l => !l.StartsWith("in caller:", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(6));
            Assert.That(rows[^1], Does.Match(@"^\s+8\s+10\s+in caller\s+in caller\s+in caller\s+App\.Controllers\.Mapping\.ToDto\(Order\)\s+Controllers/Mapping\.cs:8\s+public static"),
                "last, after the timed line with no self time of its own, and with no time of its own");
            Assert.That(rows[^2], Does.Contain("OrdersController.cs:44"));
            Assert.That(lines[^1], Does.StartWith("in caller: a small member").And.Contain("LineProfileTimeSmallMembers=true"));
        });
    }

    [Test]
    public void Scripts_get_the_reports_own_figures_for_a_counted_line()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", WithCountedMember());

        var result = scratch.Lineprof("top", "lineprof.json", "-n", "0", "--format", "csv");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var rows = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var header = rows[0].ToList();
        var toDto = rows.Single(r => r.Contains(MappingFile));
        Assert.Multiple(() =>
        {
            Assert.That(toDto[header.IndexOf("timeNs")], Is.EqualTo("0"));
            Assert.That(toDto[header.IndexOf("selfNs")], Is.EqualTo("0"));
            Assert.That(result.Output, Does.Not.Contain("in caller"));
        });
    }

    [Test]
    public void Show_lists_a_counted_method_last_with_its_calls_and_its_time_in_the_caller()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", WithCountedMember());

        var result = scratch.Lineprof("show", "lineprof.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var methods = ShowListing.Parse(result.Output);
        var lines = result.Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(methods.Select(m => m.Method), Is.EqualTo(new[] { Reports.ToCsv, Reports.GetOrder, ToDto }), "counted, after the timed methods");
            Assert.That(methods[^1].Total, Is.EqualTo("in caller (counted, not timed) in 10 calls, summed over 13 requests"));
            Assert.That(lines, Has.Some.Match(@"^\s+8\s+10\s+in caller\s+in caller\s+in caller\s+public static OrderDto ToDto"));
            Assert.That(lines.Count(l => l.StartsWith("in caller: a small member", StringComparison.Ordinal)), Is.EqualTo(1),
                "the legend, under the one listing that shows it");
        });
    }

    [Test]
    public void Merge_keeps_a_line_counted_only_where_every_report_counted_it()
    {
        using var scratch = new Scratch();
        var timed = WithCountedMember();
        timed.Lines.Single(l => l.Method == ToDto).Counted = false; // a build with LineProfileTimeSmallMembers=true
        timed.Methods.Single(m => m.Method == ToDto).Counted = false;
        scratch.WriteReport("a.json", WithCountedMember());
        scratch.WriteReport("b.json", WithCountedMember());
        scratch.WriteReport("timed.json", timed);

        var both = scratch.Lineprof("merge", "a.json", "b.json", "-o", "both.json");
        var mixed = scratch.Lineprof("merge", "a.json", "timed.json", "-o", "mixed.json");

        Assert.That(both.ExitCode + mixed.ExitCode, Is.Zero, both + "\n" + mixed);
        var merged = ReportFile.Read(scratch.PathOf("both.json"));
        var mixedReport = ReportFile.Read(scratch.PathOf("mixed.json"));
        Assert.Multiple(() =>
        {
            Assert.That(merged.Lines.Single(l => l.Method == ToDto).Counted, Is.True);
            Assert.That(merged.Methods.Single(m => m.Method == ToDto).Counted, Is.True);
            Assert.That(merged.Lines.Where(l => l.Method != ToDto).Select(l => l.Counted), Has.All.False);
            Assert.That(mixedReport.Lines.Single(l => l.Method == ToDto).Counted, Is.False, "one of them timed it");
            Assert.That(mixedReport.Methods.Single(m => m.Method == ToDto).Counted, Is.False);
        });
    }

    /// <summary>The app with its counted mapper timed, as a build with LineProfileTimeSmallMembers=true reports it.</summary>
    private static ProfileReport WithTimedMember()
    {
        var report = WithCountedMember();
        var line = report.Lines.Single(l => l.Method == ToDto);
        line.Counted = false;
        line.TimeNs = line.SelfNs = 4_000;
        var method = report.Methods.Single(m => m.Method == ToDto);
        method.Counted = false;
        method.TimeNs = method.SelfNs = 4_000;
        return report;
    }

    [Test]
    public void Diff_shows_in_caller_for_a_counted_line_compares_its_hits_and_ranks_it_after_the_timed_rows()
    {
        using var scratch = new Scratch();
        var after = WithCountedMember();
        after.Lines.Single(l => l.Method == ToDto).Hits = 30; // the mapper now runs three times an order
        after.Methods.Single(m => m.Method == ToDto).Calls = 30;
        scratch.WriteReport("before.json", WithCountedMember());
        scratch.WriteReport("after.json", after);

        var text = scratch.Lineprof("diff", "before.json", "after.json", "-n", "0");
        var json = scratch.Lineprof("diff", "before.json", "after.json", "--format", "json");

        Assert.That(text.ExitCode + json.ExitCode, Is.Zero, text + "\n" + json);
        var rows = text.Output.Split('\n');
        var lineRows = rows.SkipWhile(r => r != "Lines").Skip(2).TakeWhile(r => r.Length > 0).ToList();
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        var lines = document.RootElement.GetProperty("lines").EnumerateArray().ToList();
        var toDto = lines.Single(l => l.GetProperty("method").GetString() == ToDto);
        var method = document.RootElement.GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("method").GetString() == ToDto);
        Assert.Multiple(() =>
        {
            Assert.That(lineRows[^1], Does.Match(@"^\s+in caller\s+in caller\s+10\s+30\s+total\s+Controllers/Mapping\.cs:8\s"),
                "no time of its own on either side, no change or ratio, its hits compared; last, after the unchanged timed lines: " + text);
            Assert.That(rows, Has.Some.Match(@"^\s+in caller\s+in caller\s+10\s+30\s+total\s+Controllers/Mapping\.cs\s+App\.Controllers\.Mapping\.ToDto"));
            Assert.That(rows, Has.Some.StartsWith("in caller: a small member").And.Contain("compares its hits or calls"));
            Assert.That(toDto.GetProperty("countedBefore").GetBoolean() && toDto.GetProperty("countedAfter").GetBoolean(), Is.True);
            Assert.That(toDto.GetProperty("timeBeforeNs").GetInt64(), Is.Zero, "scripts get the report's own figures");
            Assert.That(toDto.GetProperty("selfChangeNs").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "a 0 that is not a time has no change");
            Assert.That(toDto.GetProperty("timeRatio").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(toDto.GetProperty("countAfter").GetInt64(), Is.EqualTo(30));
            Assert.That(lines[^1].GetProperty("method").GetString(), Is.EqualTo(ToDto), "after every timed line, the unchanged ones too");
            Assert.That(method.GetProperty("countedAfter").GetBoolean(), Is.True);
            Assert.That(lines.Where(l => l.GetProperty("method").GetString() != ToDto).Select(l => l.GetProperty("countedAfter").GetBoolean()), Has.All.False);
        });
    }

    [Test]
    public void Diff_says_plainly_when_a_member_is_counted_in_one_report_and_timed_in_the_other_and_the_gate_judges_neither()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("counted.json", WithCountedMember());
        scratch.WriteReport("timed.json", WithTimedMember());

        var nowTimed = scratch.Lineprof("diff", "counted.json", "timed.json", "-n", "0");
        var nowCounted = scratch.Lineprof("diff", "timed.json", "counted.json", "-n", "0", "--format", "json");
        // Whichever way it changed, or if it did not, a counted member is neither slower nor faster: its time is its caller's.
        var gates = new[] { ("counted.json", "timed.json"), ("timed.json", "counted.json"), ("counted.json", "counted.json") }
            .Select(p => scratch.Lineprof("diff", p.Item1, p.Item2, "--fail-if-slower", "10", "--min-time", "1ns", "--strict")).ToList();

        Assert.That(nowTimed.ExitCode + nowCounted.ExitCode, Is.Zero, nowTimed + "\n" + nowCounted);
        var rows = nowTimed.Output.Split('\n');
        using var document = System.Text.Json.JsonDocument.Parse(nowCounted.Output);
        var toDto = document.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("method").GetString() == ToDto);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Some.Match(@"^\s+in caller\s+4 µs\s+10\s+10\s+total\s+now timed\s+Controllers/Mapping\.cs:8\s"),
                "its time before is its caller's: no change, no ratio, said plainly: " + nowTimed);
            Assert.That(rows, Has.Some.StartsWith("now timed, now counted: the member was counted in one report and timed in the other")
                .And.Contain("LineProfileTimeSmallMembers"));
            Assert.That(toDto.GetProperty("status").GetString(), Is.EqualTo("now counted"));
            Assert.That(toDto.GetProperty("countedBefore").GetBoolean(), Is.False);
            Assert.That(toDto.GetProperty("countedAfter").GetBoolean(), Is.True);
            Assert.That(toDto.GetProperty("timeRatio").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "4 µs -> 0 is not 100% faster");
            foreach (var gate in gates)
            {
                Assert.That(gate.ExitCode, Is.Zero, gate.ToString());
                Assert.That(gate.Errors, Does.Not.Contain("Mapping").And.Contain("No endpoint, method or line got slower"), gate.ToString());
            }
        });
    }

    [Test]
    public void Export_marks_counted_lines_and_methods_for_scripts_and_reads_in_caller_for_people()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", WithCountedMember());

        var csv = scratch.Lineprof("export", "lineprof.json", "--format", "csv");
        var markdown = scratch.Lineprof("export", "lineprof.json", "--format", "markdown");
        var json = scratch.Lineprof("top", "lineprof.json", "-n", "0", "--format", "json");

        Assert.That(csv.ExitCode + markdown.ExitCode + json.ExitCode, Is.Zero, csv + "\n" + markdown + "\n" + json);
        var rows = csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        int counted = Array.IndexOf(rows[0], "counted");
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        Assert.Multiple(() =>
        {
            Assert.That(counted, Is.GreaterThan(0), string.Join(",", rows[0]));
            Assert.That(rows.Skip(1).Where(r => r.Contains(ToDto.Split('(')[0] + "(Order)")).Select(r => (r[0], r[counted])),
                Is.EquivalentTo(new[] { ("line", "true"), ("method", "true") }));
            Assert.That(rows.Skip(1).Where(r => !r.Contains(MappingFile)).Select(r => r[counted]), Has.All.EqualTo("false"));
            Assert.That(markdown.Output, Does.Match(@"\| 8 \| 10 \| in caller \| in caller \| in caller \|"));
            Assert.That(markdown.Output.TrimEnd(), Does.EndWith("Build with -p:LineProfileTimeSmallMembers=true to time it."), "the legend under the tables");
            Assert.That(document.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("method").GetString() == ToDto)
                .GetProperty("counted").GetBoolean(), Is.True);
        });
    }
}
