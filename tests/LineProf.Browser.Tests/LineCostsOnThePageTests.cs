using LineProf.Reporting;

namespace LineProf.Browser.Tests;

/// <summary>
/// What a line costs beyond time, as the page shows it: Alloc and DB columns in the hottest lines, rankable, the N+1
/// flag beside the count, and a line's commands listed in its own view.
/// </summary>
[TestFixture]
public sealed class LineCostsOnThePageTests : ChromiumFixture
{
    private const string File = "/src/App/Orders.cs";
    private const string Query = "SELECT \"o\".\"Id\" FROM \"OrderLines\" AS \"o\" WHERE \"o\".\"OrderId\" = @__id_0";

    private string _file = null!;

    [OneTimeSetUp]
    public async Task RenderReport()
    {
        var report = new ProfileReport
        {
            GeneratedUtc = DateTime.UtcNow,
            RequestCount = 1,
            LineCosts = new LineCostsReport { Allocations = true, DatabaseCommands = true, HttpCalls = true, NPlusOneThreshold = 5 },
            Lines =
            {
                new LineReport
                {
                    File = File, Line = 20, Method = "App.Orders.OneByOne", Hits = 20, TimeNs = 9_000_000, SelfNs = 9_000_000, Source = "lines += await LoadLines(order);",
                    AllocBytes = 4_000, SelfAllocBytes = 4_000, DbCommands = 20, DbNs = 8_000_000, NPlusOne = true,
                    Commands = [new LineCommand { Kind = "db", Text = Query, Count = 20, TimeNs = 8_000_000, MaxPerRequest = 20, NPlusOne = true }],
                },
                new LineReport
                {
                    File = File, Line = 30, Method = "App.Orders.Build", Hits = 1, TimeNs = 1_000_000, SelfNs = 1_000_000, Source = "var text = new string('x', 1 << 20);",
                    AllocBytes = 2_097_176, SelfAllocBytes = 2_097_176,
                },
            },
        };
        _file = Path.Combine(ReportApp.OutputFolder("line-costs"), "lineprof.html");
        await System.IO.File.WriteAllTextAsync(_file, ReportHtml.Render(report));
    }

    [Test]
    public async Task The_hottest_lines_show_allocations_and_commands_and_rank_by_allocations()
    {
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri + "#lines");
        var rows = page.Page.Locator("#lines-table tbody tr");
        await rows.First.WaitForAsync();
        var headers = await page.Page.Locator("#lines-table th").AllInnerTextsAsync();
        var first = await rows.First.InnerTextAsync();

        await page.Page.Locator("#lines-table th[data-key=selfAllocBytes]").ClickAsync();
        var byAlloc = await page.Page.Locator("#lines-table tbody tr").First.InnerTextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(headers.Select(h => h.Trim()), Does.Contain("Alloc").And.Contain("DB"));
            Assert.That(first, Does.Contain("20").And.Contain("N+1").And.Contain("3.9 KB"), "by self time the N+1 loop is first, flagged");
            Assert.That(byAlloc, Does.Contain("2.0 MB").And.Contain("new string"), "ranked by allocations, the megabyte line is first");
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task A_lines_view_lists_its_commands_with_the_N_plus_1_flag()
    {
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri + "#line/" + Uri.EscapeDataString(File + ":20:App.Orders.OneByOne"));
        var commands = page.Page.Locator("#line-commands-table tbody tr");
        await commands.First.WaitForAsync();
        var row = await commands.First.InnerTextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(row, Does.Contain(Query).And.Contain("20").And.Contain("N+1").And.Contain("DB"));
            Assert.That(page.Errors, Is.Empty);
        });
    }
}
