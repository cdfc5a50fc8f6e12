using LineProf.Reporting;

namespace LineProf.Tool.Tests;

/// <summary><c>lineprof top</c> ranks by what a line costs beyond time: bytes allocated and database commands, N+1 marked.</summary>
public class TopLineCostsTests
{
    private static ProfileReport WithCosts()
    {
        var report = Reports.App();
        report.LineCosts = new LineCostsReport { Allocations = true, DatabaseCommands = true, HttpCalls = true, NPlusOneThreshold = 5 };
        var lookup = report.Lines[0];
        lookup.DbCommands = 200;
        lookup.DbNs = 30_000_000;
        lookup.NPlusOne = true;
        lookup.Commands = [new LineCommand { Kind = "db", Text = "SELECT * FROM Orders WHERE Id = @p0", Count = 200, TimeNs = 30_000_000, MaxPerRequest = 20, NPlusOne = true }];
        report.Lines[2].AllocBytes = report.Lines[2].SelfAllocBytes = 96;
        report.Lines[3].AllocBytes = report.Lines[3].SelfAllocBytes = 9_000_000_000;
        return report;
    }

    [Test]
    public void Top_by_alloc_ranks_the_allocating_line_first_with_its_bytes()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", WithCosts());

        var result = scratch.Lineprof("top", "lineprof.json", "--by", "alloc", "-n", "2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.Contain("The 2 hottest of 4 lines by bytes allocated"));
            Assert.That(lines[1], Does.Match(@"^Line\s+Hits\s+Time\s+Per Hit\s+Self\s+Alloc B\s+Method"), "no DB column: neither line shown issued a command");
            Assert.That(lines[2], Does.Contain("9,000,000,000").And.Contain("CsvExporter.cs:15"));
            Assert.That(lines[3], Does.Match(@"\s96\s").And.Contain("CsvExporter.cs:12"));
        });
    }

    [Test]
    public void Top_by_db_ranks_the_line_issuing_commands_first_and_marks_the_N_plus_1()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", WithCosts());

        var result = scratch.Lineprof("top", "lineprof.json", "--by", "db", "-n", "1");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[2], Does.Match(@"\s200\s+N\+1\s+App\.Controllers\.OrdersController").And.Contain("OrdersController.cs:42"));
    }

    [Test]
    public void A_report_without_allocations_is_a_clear_error_for_by_alloc_and_shows_no_cost_columns()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", Reports.App());

        Lineprof.AssertUserError(scratch.Lineprof("top", "lineprof.json", "--by", "alloc"), "lineprof.json", "no allocations per line");
        Assert.That(scratch.Lineprof("top", "lineprof.json").Output, Does.Not.Contain("Alloc B").And.Not.Contain("N+1"));
    }
}
