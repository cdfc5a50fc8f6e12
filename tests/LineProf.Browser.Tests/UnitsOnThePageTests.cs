using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Browser.Tests;

/// <summary>
/// Units of work beyond the HTTP request on the page: a report of a run that served no request opens on what ran
/// (outside requests), and units of another kind show their kind beside the requests.
/// </summary>
[TestFixture]
public sealed class UnitsOnThePageTests : ChromiumFixture
{
    private const string File = "/src/Worker/Worker.cs";
    private const string Method = "Worker.Worker.ExecuteAsync";

    private static async Task<string> PageOf(ProfileReport report, string name)
    {
        ReportInvariants.Check(report);
        var file = Path.Combine(ReportApp.OutputFolder(name), "lineprof.html");
        await System.IO.File.WriteAllTextAsync(file, ReportHtml.Render(report));
        return new Uri(file).AbsoluteUri;
    }

    [Test]
    public async Task A_run_that_served_no_request_opens_on_what_ran_outside_requests()
    {
        var report = new ProfileReport { GeneratedUtc = DateTime.UtcNow, Clock = "stopwatch" };
        report.OutsideRequests.Lines.Add(new LineReport { File = File, Line = 20, Method = Method, Hits = 12, TimeNs = 1_200_000_000, SelfNs = 1_200_000_000, Source = "await Task.Delay(100, stoppingToken);" });
        report.OutsideRequests.Methods.Add(new MethodReport { File = File, Line = 18, Method = Method, Calls = 1, TimeNs = 1_250_000_000, SelfNs = 1_200_000_000 });

        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(await PageOf(report, "no-request"));
        var active = page.Page.Locator("nav.tabs a.active");
        await active.WaitForAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await active.GetAttributeAsync("data-tab"), Is.EqualTo("outside"));
            Assert.That(await page.Page.Locator("main").InnerTextAsync(), Does.Contain("await Task.Delay(100, stoppingToken);"));
            Assert.That(await page.Page.Locator("#services-table tbody tr").AllInnerTextsAsync(), Is.EqualTo(new[] { "Worker.Worker\t1.25 s\t1" }),
                "each background service's ExecuteAsync, by service");
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Units_of_another_kind_show_their_kind_in_the_requests_table_and_on_their_own_page()
    {
        var line = new RequestLine { File = File, Line = 20, Method = Method, Hits = 1, TimeNs = 4_000, SelfNs = 4_000 };
        var unit = new RequestReport
        {
            Kind = "queue", Name = "OrderPlaced", Id = "q1", Method = "queue", Path = "OrderPlaced", Endpoint = "OrderPlaced", Status = 200,
            StartedUtc = DateTime.UtcNow, DurationNs = 5_000, Lines = { line },
            Methods = { new MethodReport { File = File, Line = 18, Method = Method, Calls = 1, TimeNs = 4_000, SelfNs = 4_000 } },
        };
        var report = new ProfileReport
        {
            GeneratedUtc = DateTime.UtcNow, Clock = "stopwatch", RequestCount = 1, Requests = { unit },
            Lines = { new LineReport { File = File, Line = 20, Method = Method, Hits = 1, TimeNs = 4_000, SelfNs = 4_000, Source = "Handle(message);" } },
            Methods = { new MethodReport { File = File, Line = 18, Method = Method, Calls = 1, TimeNs = 4_000, SelfNs = 4_000 } },
            Endpoints =
            {
                new EndpointReport
                {
                    Name = "queue OrderPlaced", Count = 1, TotalNs = 5_000, MeanNs = 5_000, P50Ns = 5_000, P95Ns = 5_000, MaxNs = 5_000, Lines = { line },
                    Methods = { new MethodReport { File = File, Line = 18, Method = Method, Calls = 1, TimeNs = 4_000, SelfNs = 4_000 } },
                },
            },
        };

        await using var page = await Chromium.NewPageAsync();
        var address = await PageOf(report, "queue-unit");
        await page.Page.GotoAsync(address + "#requests");
        var header = page.Page.Locator("#requests-table thead th").First;
        await header.WaitForAsync();
        var firstHeader = await header.InnerTextAsync();
        var firstRow = await page.Page.Locator("#requests-table tbody tr").First.Locator("td").AllInnerTextsAsync();
        await page.Page.GotoAsync(address + "#request/q1");
        await page.Page.Locator("dl.facts").WaitForAsync();
        var facts = await page.Page.Locator("dl.facts").InnerTextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(firstHeader, Does.StartWith("Kind"));
            Assert.That(firstRow.Take(3), Is.EqualTo(new[] { "queue", "queue", "OrderPlaced" }));
            Assert.That(facts, Does.Contain("Kind").And.Contain("queue"));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task A_grpc_calls_messages_show_on_its_request_and_its_service_methods_page()
    {
        var line = new RequestLine { File = File, Line = 20, Method = Method, Hits = 5, TimeNs = 40_000, SelfNs = 40_000 };
        var methods = new MethodReport { File = File, Line = 18, Method = Method, Calls = 1, TimeNs = 40_000, SelfNs = 40_000 };
        var call = new RequestReport
        {
            Id = "c1", Method = "POST", Path = "/greet.Greeter/StreamGreetings", Endpoint = "/greet.Greeter/StreamGreetings", Name = "/greet.Greeter/StreamGreetings",
            Status = 200, StartedUtc = DateTime.UtcNow, DurationNs = 50_000, MessagesIn = 1, MessagesOut = 1_500, Lines = { line }, Methods = { methods },
        };
        var report = new ProfileReport
        {
            GeneratedUtc = DateTime.UtcNow, Clock = "stopwatch", RequestCount = 1, Requests = { call },
            Lines = { new LineReport { File = File, Line = 20, Method = Method, Hits = 5, TimeNs = 40_000, SelfNs = 40_000, Source = "await responseStream.WriteAsync(reply);" } },
            Methods = { methods },
            Endpoints =
            {
                new EndpointReport
                {
                    Name = "POST /greet.Greeter/StreamGreetings", Count = 1, TotalNs = 50_000, MeanNs = 50_000, P50Ns = 50_000, P95Ns = 50_000, MaxNs = 50_000,
                    MessagesIn = 1, MessagesOut = 1_500, Lines = { line }, Methods = { methods },
                },
            },
        };

        await using var page = await Chromium.NewPageAsync();
        var address = await PageOf(report, "grpc-call");
        await page.Page.GotoAsync(address + "#request/c1");
        await page.Page.Locator("dl.facts").WaitForAsync();
        var requestFacts = await Facts(page.Page);
        await page.Page.GotoAsync(address + "#endpoint/" + Uri.EscapeDataString("POST /greet.Greeter/StreamGreetings"));
        await page.Page.Locator("dl.facts dt", new() { HasText = "Messages out" }).WaitForAsync();
        var endpointFacts = await Facts(page.Page);
        Assert.Multiple(() =>
        {
            Assert.That(requestFacts, Does.Contain(("Kind", "gRPC call")).And.Contain(("Messages in", "1")).And.Contain(("Messages out", "1,500")));
            Assert.That(endpointFacts, Does.Contain(("Messages in (profiled calls)", "1")).And.Contain(("Messages out (profiled calls)", "1,500")));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    /// <summary>The facts list of the view shown, as (term, value) pairs.</summary>
    private static async Task<List<(string, string)>> Facts(Microsoft.Playwright.IPage page)
    {
        var pairs = await page.EvaluateAsync<string[][]>(
            "() => [...document.querySelectorAll('dl.facts > div')].map(d => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])");
        return pairs.Select(p => (p[0], p[1])).ToList();
    }
}
