using LineProf.Reporting;

namespace LineProf.Browser.Tests;

/// <summary>
/// The page's compact encoding, decoded by the page itself: figures beyond 32 bits (an hour in nanoseconds,
/// billions of hits) and a self time above the line's time (parallel work) come out exactly as lineprof.json has them.
/// </summary>
[TestFixture]
public sealed class PageDataTests
{
    [Test]
    public async Task Large_and_unusual_figures_read_exactly_as_in_lineprof_json()
    {
        var big = new RequestLine { File = "/src/Big.cs", Line = 12, Method = "App.Big.Run", Hits = 3_000_000_007, TimeNs = 3_600_000_000_123, SelfNs = 3_599_999_999_999 };
        var parallel = new RequestLine { File = "/src/Big.cs", Line = 13, Method = "App.Big.Run", Hits = 1, TimeNs = 1_000, SelfNs = 4_000 };
        var report = new ProfileReport
        {
            GeneratedUtc = DateTime.UtcNow,
            RequestCount = 1,
            Requests =
            {
                new RequestReport { Id = "r-1", Method = "GET", Path = "/big", Status = 200, StartedUtc = DateTime.UtcNow, DurationNs = 3_700_000_000_000, Lines = { big, parallel } },
            },
            Lines =
            {
                new LineReport { File = big.File, Line = big.Line, Method = big.Method, Hits = big.Hits, TimeNs = big.TimeNs, SelfNs = big.SelfNs, Source = "Run();" },
                new LineReport { File = parallel.File, Line = parallel.Line, Method = parallel.Method, Hits = 1, TimeNs = 1_000, SelfNs = 4_000, Source = "Parallel.For(0, 4, Work);" },
            },
        };
        var file = Path.Combine(ReportApp.OutputFolder("page-data"), "lineprof.html");
        await File.WriteAllTextAsync(file, ReportHtml.Render(report));

        await using var chromium = await Chromium.LaunchAsync();
        await using var page = await chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(file).AbsoluteUri + "#request/r-1");
        var bigCells = page.Page.Locator("section.method tr.line[data-line=\"12\"] td");
        var parallelCells = page.Page.Locator("section.method tr.line[data-line=\"13\"] td");
        await bigCells.First.WaitForAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await bigCells.Nth(1).InnerTextAsync(), Is.EqualTo("3,000,000,007"), "hits");
            Assert.That(await bigCells.Nth(2).GetAttributeAsync("title"), Is.EqualTo("3,600,000,000,123 ns"));
            Assert.That(await bigCells.Nth(5).GetAttributeAsync("title"), Is.EqualTo("3,599,999,999,999 ns"));
            Assert.That(await bigCells.Nth(2).InnerTextAsync(), Is.EqualTo("3600 s"));
            Assert.That(await parallelCells.Nth(5).GetAttributeAsync("title"), Is.EqualTo("4,000 ns"), "self above time");
            Assert.That(page.Errors, Is.Empty);
        });
    }
}
