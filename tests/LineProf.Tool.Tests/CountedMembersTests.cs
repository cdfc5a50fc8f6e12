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
}
