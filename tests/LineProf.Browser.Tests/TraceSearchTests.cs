using LineProf.Reporting;

namespace LineProf.Browser.Tests;

/// <summary>
/// A trace id copied from Jaeger or Tempo finds its request on the page: the requests' filter matches it, and the
/// request's page shows its trace and span ids.
/// </summary>
[TestFixture]
public sealed class TraceSearchTests : ChromiumFixture
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string SpanId = "00f067aa0ba902b7";

    private string _file = "";

    [OneTimeSetUp]
    public async Task Render()
    {
        var report = SyntheticReport.Create(requests: 20, lines: 30, linesPerRequest: 5, endpoints: 3);
        for (int i = 0; i < report.Requests.Count; i++)
        {
            // Every request traced, each with its own ids; one with the id the test looks for.
            report.Requests[i].TraceId = i == 7 ? TraceId : (i + 1).ToString("x32");
            report.Requests[i].SpanId = i == 7 ? SpanId : (i + 1).ToString("x16");
        }

        _file = Path.Combine(ReportApp.OutputFolder("trace-search"), "lineprof.html");
        await File.WriteAllTextAsync(_file, ReportHtml.Render(report));
    }

    [Test]
    public async Task Searching_a_trace_id_shows_its_request_and_its_ids()
    {
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri);
        await page.Page.Locator("#lineprof main").WaitForAsync();
        await page.Page.FillAsync("#filter-path", TraceId.ToUpperInvariant());
        var rows = await page.Page.Locator("#requests-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-id'))");
        Assert.That(rows, Has.Length.EqualTo(1));
        await page.Page.Locator("#requests-table tbody tr a").First.ClickAsync();
        await page.Page.Locator("dl.facts").WaitForAsync();
        var facts = await page.Page.Locator("dl.facts").InnerTextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(facts, Does.Contain(TraceId).And.Contain(SpanId));
            Assert.That(page.Errors, Is.Empty);
        });
    }
}
