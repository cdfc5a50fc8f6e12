using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Browser.Tests;

/// <summary>
/// How requests were chosen, on the page as in lineprof.json: the selection's counts in the header, each endpoint's
/// profiled and warm-up counts, and warm-up requests marked in the request list and on their own view.
/// </summary>
[TestFixture]
public sealed class SelectionOnThePageTests : ChromiumFixture
{
    private const string File = "/src/Shop/Orders.cs";
    private const string Method = "Shop.Orders.Get";

    /// <summary>
    /// Rate 0.1 over 15 requests: 3 of GET /orders/{id} profiled (one triggered, its first the warm-up), 12 not
    /// (2 of them over the cap), all 5 of GET /health among them, its first a warm-up too.
    /// </summary>
    private static ProfileReport Report()
    {
        RequestReport Request(string id, long durationNs, bool warmUp) => new()
        {
            Id = id, Method = "GET", Path = "/orders/" + id, Endpoint = "/orders/{id}", Status = 200,
            StartedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), DurationNs = durationNs, WarmUp = warmUp ? true : null,
            Lines = { new RequestLine { File = File, Line = 12, Method = Method, Hits = 1, TimeNs = durationNs / 2, SelfNs = durationNs / 2 } },
            Methods = { new MethodReport { File = File, Line = 11, Method = Method, Calls = 1, TimeNs = durationNs / 2, SelfNs = durationNs / 2 } },
        };

        var requests = new[] { Request("1", 900_000_000, warmUp: true), Request("2", 40_000_000, false), Request("3", 20_000_000, false) };
        long self = requests.Sum(r => r.Lines[0].SelfNs);
        return new ProfileReport
        {
            GeneratedUtc = new DateTime(2026, 1, 2, 3, 5, 0, DateTimeKind.Utc), Clock = "stopwatch", RequestCount = 3,
            Selection = new SelectionReport { Rate = 0.1, Profiled = 3, Triggered = 1, Unprofiled = 12, OverCap = 2, RefusedTriggers = 1 },
            Requests = { requests[0], requests[1], requests[2] },
            Lines = { new LineReport { File = File, Line = 12, Method = Method, Hits = 3, TimeNs = self, SelfNs = self, Source = "var order = db.Find(id);" } },
            Methods = { new MethodReport { File = File, Line = 11, Method = Method, Calls = 3, TimeNs = self, SelfNs = self } },
            Endpoints =
            {
                new EndpointReport
                {
                    Name = "GET /orders/{id}", Count = 10, Profiled = 3, WarmUp = 1, TotalNs = 1_100_000_000, MeanNs = 110_000_000,
                    P50Ns = 25_000_000, P95Ns = 40_000_000, MaxNs = 900_000_000,
                    Lines = { new RequestLine { File = File, Line = 12, Method = Method, Hits = 3, TimeNs = self, SelfNs = self } },
                    Methods = { new MethodReport { File = File, Line = 11, Method = Method, Calls = 3, TimeNs = self, SelfNs = self } },
                },
                new EndpointReport
                {
                    Name = "GET /health", Count = 5, Profiled = 0, WarmUp = 1, TotalNs = 5_000_000, MeanNs = 1_000_000,
                    P50Ns = 1_000_000, P95Ns = 1_000_000, MaxNs = 1_000_000,
                },
            },
        };
    }

    [Test]
    public async Task A_report_with_selection_and_warm_up_shows_them_in_the_header_the_endpoints_and_the_requests()
    {
        var report = Report();
        ReportInvariants.Check(report);
        var file = Path.Combine(ReportApp.OutputFolder("selection"), "lineprof.html");
        await System.IO.File.WriteAllTextAsync(file, ReportHtml.Render(report));
        var address = new Uri(file).AbsoluteUri;

        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(address + "#endpoints");
        var endpointRows = page.Page.Locator("#endpoints-table tbody tr");
        await endpointRows.First.WaitForAsync();
        var selection = await page.Page.Locator("#selection").InnerTextAsync();
        var selectionHelp = await page.Page.Locator("#selection").GetAttributeAsync("title");
        var headers = await page.Page.Locator("#endpoints-table thead th").AllInnerTextsAsync();
        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < await endpointRows.CountAsync(); i++) rows.Add(await endpointRows.Nth(i).Locator("td").AllInnerTextsAsync());

        await page.Page.GotoAsync(address + "#endpoint/" + Uri.EscapeDataString("GET /orders/{id}"));
        await page.Page.Locator("dl.facts").WaitForAsync();
        var endpointFacts = await page.Page.Locator("dl.facts").InnerTextAsync();

        await page.Page.GotoAsync(address + "#requests");
        await page.Page.Locator("#requests-table tbody tr").First.WaitForAsync();
        var warmUpRows = await page.Page.Locator("#requests-table tbody tr", new() { Has = page.Page.Locator(".warmup") }).AllInnerTextsAsync();

        await page.Page.GotoAsync(address + "#request/1");
        await page.Page.Locator("dl.facts").WaitForAsync();
        var warmUpFacts = await page.Page.Locator("dl.facts").InnerTextAsync();
        await page.Page.GotoAsync(address + "#request/2");
        await page.Page.Locator("dl.facts dt").First.WaitForAsync();
        var otherFacts = await page.Page.Locator("dl.facts").InnerTextAsync();

        int profiled = headers.ToList().IndexOf("Profiled"), warmUp = headers.ToList().IndexOf("Warm-up");
        Assert.Multiple(() =>
        {
            Assert.That(selection, Is.EqualTo("rate 0.1 \u00b7 12 not profiled \u00b7 1 triggered \u00b7 2 over the cap \u00b7 1 refused trigger"));
            Assert.That(selectionHelp, Does.Contain("of 15 requests, 3 were profiled"));
            Assert.That(profiled, Is.GreaterThan(0), string.Join(" | ", headers));
            Assert.That(warmUp, Is.GreaterThan(0), string.Join(" | ", headers));
            var byName = rows.ToDictionary(r => r[0]);
            Assert.That(byName["GET /orders/{id}"][profiled], Is.EqualTo("3"));
            Assert.That(byName["GET /orders/{id}"][warmUp], Is.EqualTo("1"));
            Assert.That(byName["GET /health"][profiled], Is.EqualTo("0"), "counted, never profiled");
            Assert.That(byName["GET /health"][warmUp], Is.EqualTo("1"));
            Assert.That(endpointFacts, Does.Contain("Profiled\n3").And.Contain("Warm-up\n1"));
            Assert.That(warmUpRows, Has.Count.EqualTo(1));
            Assert.That(warmUpRows.Single(), Does.Contain("/orders/1").And.Contain("warm-up"));
            Assert.That(warmUpFacts, Does.Contain("Warm-up"));
            Assert.That(otherFacts, Does.Not.Contain("Warm-up"));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task A_report_where_every_request_was_profiled_shows_no_selection()
    {
        var report = Report();
        report.Selection = new SelectionReport { Rate = 1, Profiled = 3 };
        report.Endpoints.RemoveAt(1);
        report.Endpoints[0].Count = 3;
        (report.Endpoints[0].TotalNs, report.Endpoints[0].MeanNs) = (960_000_000, 320_000_000);
        ReportInvariants.Check(report);
        var file = Path.Combine(ReportApp.OutputFolder("selection-all"), "lineprof.html");
        await System.IO.File.WriteAllTextAsync(file, ReportHtml.Render(report));

        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.Page.Locator("#summary").WaitForAsync();
        Assert.That(await page.Page.Locator("#selection").CountAsync(), Is.EqualTo(0), "nothing to say when all were profiled");
        Assert.That(page.Errors, Is.Empty);
    }
}
