using LineProf.Reporting;

namespace LineProf.Browser.Tests;

/// <summary>
/// What the page must not let mislead: text that reorders itself on screen (a bidirectional override in a path or a
/// source line), a share over 100% with no reason given, and a live page waiting for requests a disabled profiler
/// will never record.
/// </summary>
[TestFixture]
public sealed class PageHygieneTests : ChromiumFixture
{
    private const string Override = "\u202E";
    private const string RequestId = "0HNHYGIENE:00000001";

    private string _file = "";

    [OneTimeSetUp]
    public async Task Render()
    {
        _file = Path.Combine(ReportApp.OutputFolder("hygiene"), "lineprof.html");
        await File.WriteAllTextAsync(_file, ReportHtml.Render(Report()));
    }

    [Test]
    public async Task A_bidirectional_override_in_a_path_or_source_line_is_shown_as_an_escape_not_obeyed()
    {
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri);
        var path = await page.Page.InnerTextAsync($"#requests-table tr[data-id=\"{RequestId}\"] td.path");
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri + "#request/" + Uri.EscapeDataString(RequestId));
        var source = await page.Page.InnerTextAsync("section.method[data-method=\"Shop.Articles.Get\"] tr.line td.srccell");

        Assert.Multiple(() =>
        {
            Assert.That(path, Is.EqualTo("/articles/\\u202Egnp.exe"), "reads as what it is, not as /articles/exe.png");
            Assert.That(source, Does.Contain("\"\\u202Egnp.exe\""));
            // Ordinal: a culture-aware search ignores U+202E and would find it in any text.
            Assert.That(source.Contains(Override, StringComparison.Ordinal), Is.False, "no live override left");
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task A_line_share_over_100_percent_is_capped_and_explained()
    {
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri + "#request/" + Uri.EscapeDataString(RequestId));
        var share = page.Page.Locator("section.method[data-method=\"Shop.Tree.IsEven\"] tr.line[data-line=\"21\"] td").Nth(4);
        await share.WaitForAsync();

        var shown = await share.InnerTextAsync();
        var explanation = await share.GetAttributeAsync("title");
        Assert.Multiple(() =>
        {
            Assert.That(shown, Is.EqualTo(">100%"));
            Assert.That(explanation, Does.StartWith("119%").And.Contain("recursion"));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task With_profiling_turned_off_the_live_page_says_so()
    {
        await using var app = await ReportApp.StartAsync(ReportApp.OutputFolder("disabled"),
            new Dictionary<string, string?> { ["LINEPROF_ENABLED"] = "false" });
        Assert.That((await app.GetAsync("/orders/1")).IsSuccessStatusCode, Is.True);
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(app.BaseAddress, "_lineprof").ToString());
        var note = await page.Page.InnerTextAsync("p.note");
        await app.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(note, Does.StartWith("Profiling is off (LINEPROF_ENABLED"));
            Assert.That(note, Does.Not.Contain("No profiled requests yet"));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    /// <summary>A request for a file whose name carries an override, and a mutually recursive pair of methods.</summary>
    private static ProfileReport Report()
    {
        var lines = new List<LineReport>
        {
            new() { File = "/src/Shop/Articles.cs", Line = 12, Method = "Shop.Articles.Get", Source = "        return File(\"" + Override + "gnp.exe\");", Hits = 1, TimeNs = 5_000, SelfNs = 5_000 },
            new() { File = "/src/Shop/Tree.cs", Line = 20, Method = "Shop.Tree.IsEven", Source = "        if (n == 0) return true;", Hits = 40, TimeNs = 2_000, SelfNs = 2_000 },
            // IsEven calls IsOdd calls IsEven: the line's time adds every depth, the method's counts the outermost call.
            new() { File = "/src/Shop/Tree.cs", Line = 21, Method = "Shop.Tree.IsEven", Source = "        return IsOdd(n - 1);", Hits = 39, TimeNs = 119_000, SelfNs = 9_000 },
        };
        var request = new RequestReport
        {
            Id = RequestId, Method = "GET", Path = "/articles/" + Override + "gnp.exe", Endpoint = "/articles/{name}", Status = 200,
            StartedUtc = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), DurationNs = 150_000,
            Methods =
            {
                new MethodReport { File = "/src/Shop/Articles.cs", Method = "Shop.Articles.Get", Line = 12, Calls = 1, TimeNs = 5_000, SelfNs = 5_000 },
                new MethodReport { File = "/src/Shop/Tree.cs", Method = "Shop.Tree.IsEven", Line = 20, Calls = 1, TimeNs = 100_000, SelfNs = 11_000 },
            },
        };
        foreach (var line in lines)
            request.Lines.Add(new RequestLine { File = line.File, Line = line.Line, Method = line.Method, Hits = line.Hits, TimeNs = line.TimeNs, SelfNs = line.SelfNs });

        return new ProfileReport
        {
            Mode = "exact", GeneratedUtc = request.StartedUtc.AddMinutes(1), RequestCount = 1,
            Requests = { request },
            Endpoints = { new EndpointReport { Name = "GET /articles/{name}", Count = 1, TotalNs = 150_000, MeanNs = 150_000, MaxNs = 150_000, Lines = request.Lines, Methods = request.Methods } },
            Lines = lines,
            Methods = request.Methods,
        };
    }
}
