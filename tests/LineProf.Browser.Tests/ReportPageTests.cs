using System.Globalization;
using System.Net;
using LineProf.Reporting;
using LineProf.Testing;
using Microsoft.Playwright;

namespace LineProf.Browser.Tests;

/// <summary>
/// What a user does with the report, in a real browser: the same tests over the file lineprof.html
/// (<see cref="ReportFileTests"/>) and the live page (<see cref="LivePageTests"/>), which share one renderer.
/// The app served the same requests for both, hostile ones among them; the figures the page shows are checked
/// against the app's lineprof.json.
/// </summary>
public abstract class ReportPageTests : ChromiumFixture
{
    /// <summary>Paths that would run script or break markup if the page ever treated them as HTML.</summary>
    public static readonly string[] HostilePaths =
    [
        "/<img src=x onerror=\"window.__pwned=3\">",
        "/\"><svg onload=window.__pwned=4>",
        "/</script><script>window.__pwned=5</script><!--",
    ];

    /// <summary>The address of the page under test.</summary>
    protected string Url { get; private set; } = "";

    /// <summary>What the app reported, as lineprof.json (schema 1).</summary>
    protected ProfileReport Report { get; private set; } = null!;

    /// <summary>Serves the app, sends <see cref="SendRequestsAsync"/>, and returns the page's address and the report.</summary>
    protected abstract Task<(string Url, ProfileReport Report)> PrepareAsync();

    protected abstract Task FinishAsync();

    /// <summary>The page as written beside the report, when there is a file; otherwise it is rendered from the report.</summary>
    protected string? PageHtml { get; set; }

    [Test]
    public void The_report_holds_every_invariant() => ReportInvariants.Check(Report, PageHtml);

    [OneTimeSetUp]
    public async Task Profile()
    {
        (Url, Report) = await PrepareAsync();
    }

    [OneTimeTearDown]
    public async Task Finish()
    {
        await FinishAsync();
    }

    /// <summary>
    /// The hostile paths and queries run no profiled line, so the app keeps them among its requests only when asked to:
    /// the page must show them (safely) to be tested.
    /// </summary>
    protected static readonly Dictionary<string, string?> KeepHostileRequests = new() { ["LINEPROF_KEEP_REQUESTS_WITHOUT_LINES"] = "true" };

    /// <summary>Six orders, two slow requests, a long report, the hostile source line and hostile paths and queries.</summary>
    protected static async Task SendRequestsAsync(WebApp app)
    {
        for (int id = 1; id <= 6; id++) Assert.That((await app.GetAsync($"/orders/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        for (int i = 0; i < 2; i++) Assert.That((await app.GetAsync("/slow")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await app.GetAsync("/report/500")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await app.GetAsync("/hostile")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var path in HostilePaths) Assert.That((await app.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await app.GetAsync("/search?q=<script>window.__pwned=6</script>&x=\"><img src=x onerror=alert(1)>")).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_page_loads_without_errors_and_lists_the_requests_slowest_first()
    {
        await using var page = await OpenAsync();
        var expected = Report.Requests.OrderByDescending(r => r.DurationNs).Select(r => r.Id).ToList();
        await page.ScreenshotAsync(GetType().Name + "-requests");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await RowIdsAsync(page.Page, "#requests-table"), Is.EqualTo(expected));
            Assert.That(await page.Page.InnerTextAsync("#summary"), Does.Contain("mode: exact"));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Clicking_a_column_heading_sorts_by_it_and_clicking_again_reverses()
    {
        await using var page = await OpenAsync();
        var table = page.Page.Locator("#requests-table");

        await table.Locator("th[data-key=status]").ClickAsync();
        var descending = await StatusesAsync(page.Page);
        await page.Page.Locator("#requests-table th[data-key=status]").ClickAsync();
        var ascending = await StatusesAsync(page.Page);
        await page.Page.Locator("#requests-table th[data-key=durationNs]").ClickAsync();
        await page.Page.Locator("#requests-table th[data-key=durationNs]").ClickAsync();
        var byDuration = await RowIdsAsync(page.Page, "#requests-table");

        Assert.Multiple(() =>
        {
            Assert.That(descending, Is.Ordered.Descending);
            Assert.That(descending.Distinct().Count(), Is.GreaterThan(1), "the requests differ in status");
            Assert.That(ascending, Is.Ordered.Ascending);
            Assert.That(byDuration, Is.EqualTo(Report.Requests.OrderBy(r => r.DurationNs).Select(r => r.Id).ToList()));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Filtering_by_path_and_by_status_shows_only_matching_requests()
    {
        await using var page = await OpenAsync();
        await page.Page.FillAsync("#filter-path", "/ORDERS/");
        var orders = await PathsAsync(page.Page);
        await page.Page.FillAsync("#filter-path", "");
        await page.Page.SelectOptionAsync("#filter-status", "404");
        var notFound = await RowIdsAsync(page.Page, "#requests-table");
        await page.Page.FillAsync("#filter-path", "script");
        var scripts = await PathsAsync(page.Page);
        await page.Page.SelectOptionAsync("#filter-status", "2xx");
        var none = await page.Page.Locator("#requests-table").CountAsync();

        Assert.Multiple(() =>
        {
            Assert.That(orders, Has.Count.EqualTo(6).And.All.StartsWith("/orders/"), "the path filter ignores case");
            Assert.That(notFound, Is.EquivalentTo(Report.Requests.Where(r => r.Status == 404).Select(r => r.Id)));
            Assert.That(scripts, Is.EquivalentTo(Report.Requests.Where(r => r.Status == 404 && r.Path.Contains("script", StringComparison.Ordinal)).Select(r => r.Path)));
            Assert.That(none, Is.Zero, "no 2xx request has 'script' in its path");
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Clicking_a_request_shows_its_lines_with_the_figures_the_app_measured()
    {
        var slow = Report.Requests.First(r => r.Path == "/slow");
        int sleepLine = SourceMarkers.LineOf(ReportApp.Program, "slow-sleep");
        var sleep = slow.Lines.Single(l => l.Line == sleepLine && l.File.EndsWith("Program.cs", StringComparison.Ordinal));

        await using var page = await OpenAsync();
        await page.Page.Locator($"#requests-table tr[data-id=\"{slow.Id}\"] td.path").ClickAsync();
        var row = page.Page.Locator($"section.method tr.line[data-line=\"{sleepLine}\"]");
        await row.WaitForAsync();
        var cells = row.Locator("td");
        await page.ScreenshotAsync(GetType().Name + "-request");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(page.Page.Url, Does.EndWith("#request/" + Uri.EscapeDataString(slow.Id)));
            Assert.That(await cells.Nth(1).InnerTextAsync(), Is.EqualTo("1"), "hits");
            Assert.That(await cells.Nth(2).GetAttributeAsync("title"), Is.EqualTo(Exact(sleep.TimeNs)), "time, to the nanosecond");
            Assert.That(await cells.Nth(5).GetAttributeAsync("title"), Is.EqualTo(Exact(sleep.SelfNs)), "self time");
            Assert.That(await cells.Nth(7).InnerTextAsync(), Does.Contain("Thread.Sleep(60);"));
            Assert.That(await row.GetAttributeAsync("class"), Does.Contain("hot"), "the line takes most of its method's time");
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Clicking_a_hot_line_lists_the_requests_that_spent_the_most_time_on_it()
    {
        int delayLine = SourceMarkers.LineOf(ReportApp.Program, "orders-delay");
        var expected = Report.Requests
            .Select(r => (r.Id, Line: r.Lines.SingleOrDefault(l => l.Line == delayLine && l.File.EndsWith("Program.cs", StringComparison.Ordinal))))
            .Where(x => x.Line != null)
            .OrderByDescending(x => x.Line!.TimeNs)
            .Select(x => x.Id)
            .ToList();

        await using var page = await OpenAsync();
        await page.Page.ClickAsync("nav a[data-tab=lines]");
        await page.Page.Locator($"#lines-table tr[data-href*=\"Program.cs%3A{delayLine}%3A\"] td.where a").ClickAsync();
        await page.Page.Locator("#line-requests-table").WaitForAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(expected, Has.Count.EqualTo(6));
            Assert.That(await RowIdsAsync(page.Page, "#line-requests-table"), Is.EqualTo(expected));
            Assert.That(await page.Page.InnerTextAsync("pre.line-source"), Does.Contain("await Task.Delay(20);"));
            Assert.That(page.Errors, Is.Empty);
        });

        await page.Page.Locator($"#line-requests-table tr[data-id=\"{expected[0]}\"] td.path a").ClickAsync();
        Assert.That(page.Page.Url, Does.EndWith("#request/" + Uri.EscapeDataString(expected[0])), "and from there to the request");
    }

    [Test]
    public async Task A_counted_small_member_reads_in_caller_not_a_zero_time_and_sorts_after_the_timed_lines()
    {
        int priceLine = SourceMarkers.LineOf(ReportApp.Program, "price-of");
        var request = Report.Requests.First(r => r.Path == "/orders/1");
        var price = request.Lines.Single(l => l.Line == priceLine && l.File.EndsWith("Program.cs", StringComparison.Ordinal));
        var calls = request.Methods.Single(m => m.Method == price.Method).Calls;

        await using var page = await OpenAsync("#request/" + Uri.EscapeDataString(request.Id));
        var row = page.Page.Locator($"section.method tr.line[data-line=\"{priceLine}\"]");
        await row.WaitForAsync();
        var cells = row.Locator("td");
        var meta = page.Page.Locator("section.method", new() { Has = page.Page.Locator($"tr.line[data-line=\"{priceLine}\"]") }).Locator("h4 .meta");
        await page.ScreenshotAsync(GetType().Name + "-counted");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(price.Counted, Is.True, "lineprof.json marks the one-line member counted");
            Assert.That(await cells.Nth(1).InnerTextAsync(), Is.EqualTo(price.Hits.ToString("N0", CultureInfo.InvariantCulture)), "its hits are exact");
            foreach (int time in new[] { 2, 3, 5 }) Assert.That(await cells.Nth(time).InnerTextAsync(), Is.EqualTo("in caller"), "Time, Per Hit and Self");
            Assert.That(await cells.Nth(2).GetAttributeAsync("title"), Does.Contain("time is in the time and self time of the line that called it"));
            Assert.That(await meta.InnerTextAsync(), Does.Contain("time in caller").And.Contain($"{calls} calls"));
            Assert.That(await page.Page.InnerTextAsync("p.legend"), Does.Contain("LineProfileTimeSmallMembers=true"), "the legend says what it means");
            Assert.That(page.Errors, Is.Empty);
        });

        // Among the hottest lines, its unknown time goes after every timed line, whichever way Self is sorted.
        await page.Page.ClickAsync("nav a[data-tab=lines]");
        await page.Page.FillAsync("#filter-lines", "Pricing.");
        var lines = page.Page.Locator("#lines-table tbody tr");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await LastHrefAsync(lines), Does.Contain($"Program.cs%3A{priceLine}%3A"), "self time, most first");
            await page.Page.ClickAsync("#lines-table th[data-key=selfNs]");
            Assert.That(await page.Page.GetAttributeAsync("#lines-table th[data-key=selfNs]", "aria-sort"), Is.EqualTo("ascending"));
            Assert.That(await LastHrefAsync(lines), Does.Contain($"Program.cs%3A{priceLine}%3A"), "self time, least first: still last, not first as a zero would be");
            Assert.That(await lines.CountAsync(), Is.GreaterThan(2), "the calling method's timed lines are listed too");
        });
    }

    private static async Task<string> LastHrefAsync(ILocator rows) => await rows.Last.GetAttributeAsync("data-href") ?? "";

    [Test]
    public async Task A_long_method_folds_its_cold_lines_around_the_hot_one_and_unfolds_on_click()
    {
        var request = Report.Requests.First(r => r.Path == "/report/500");
        int hotLine = SourceMarkers.LineOf(ReportApp.Program, "report-hot");
        var method = request.Lines.Single(l => l.Line == hotLine).Method;
        int lineCount = request.Lines.Count(l => l.Method == method);

        await using var page = await OpenAsync("#request/" + Uri.EscapeDataString(request.Id));
        var section = page.Page.Locator($"section.method[data-method=\"{method}\"]");
        int foldedRows = await section.Locator("tr.line").CountAsync();
        bool hotShown = await section.Locator($"tr.line.hot[data-line=\"{hotLine}\"]").IsVisibleAsync();
        while (await section.Locator("button.fold").CountAsync() > 0) await section.Locator("button.fold").First.ClickAsync();
        int unfoldedRows = await section.Locator("tr.line").CountAsync();

        Assert.Multiple(() =>
        {
            Assert.That(lineCount, Is.GreaterThan(20), "the method is long enough to fold");
            Assert.That(hotShown, Is.True, "the hot line stays in view");
            Assert.That(foldedRows, Is.LessThan(lineCount));
            Assert.That(foldedRows, Is.GreaterThanOrEqualTo(5), "the hot line with two lines of context either side");
            Assert.That(unfoldedRows, Is.EqualTo(lineCount));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Hostile_paths_and_source_text_show_as_text_and_nothing_of_them_runs()
    {
        int hostileLine = SourceMarkers.LineOf(ReportApp.Program, "hostile-source");
        var hostile = Report.Lines.Single(l => l.Line == hostileLine && l.File.EndsWith("Program.cs", StringComparison.Ordinal));
        Assert.That(hostile.Source, Does.Contain("</script>").And.Contain("<!--"), "the app's source line is hostile");

        await using var page = await OpenAsync();
        var shownPaths = await PathsAsync(page.Page);
        await page.Page.ClickAsync("nav a[data-tab=lines]");
        await page.Page.Locator($"#lines-table tr[data-href*=\"Program.cs%3A{hostileLine}%3A\"] td.where a").ClickAsync();
        var shownSource = await page.Page.InnerTextAsync("pre.line-source");
        await page.Page.ClickAsync("nav a[data-tab=source]");
        await page.Page.ClickAsync("nav a[data-tab=requests]");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(shownPaths, Is.SupersetOf(HostilePaths), "shown exactly as requested");
            Assert.That(shownSource.Trim(), Is.EqualTo(hostile.Source.Trim()));
            Assert.That(await page.Page.EvaluateAsync<bool>("() => window.__pwned === undefined"), Is.True, "no injected script ran");
            Assert.That(await page.Page.Locator("img, svg, iframe, object, embed").CountAsync(), Is.Zero, "no injected element");
            Assert.That(await page.Page.EvaluateAsync<int>("() => document.scripts.length"), Is.EqualTo(3), "only the page's own scripts");
            Assert.That(page.Errors, Is.Empty, "not even a refused inline script");
        });
    }

    [Test]
    public async Task The_print_layout_leaves_out_navigation_and_controls()
    {
        await using var page = await OpenAsync();
        await page.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await page.Page.IsVisibleAsync("nav.tabs"), Is.False);
            Assert.That(await page.Page.IsVisibleAsync("#filter-path"), Is.False);
            Assert.That(await page.Page.IsVisibleAsync("#requests-table"), Is.True);
        });
    }

    protected async Task<WatchedPage> OpenAsync(string hash = "")
    {
        var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(Url + hash);
        await page.Page.Locator("#lineprof main").WaitForAsync();
        return page;
    }

    protected static string Exact(long ns) => ns.ToString("N0", CultureInfo.InvariantCulture) + " ns";

    protected static async Task<List<string>> RowIdsAsync(IPage page, string table) =>
        (await page.Locator($"{table} tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-id'))")).ToList();

    private static async Task<List<string>> PathsAsync(IPage page) =>
        (await page.Locator("#requests-table tbody td.path").AllInnerTextsAsync()).ToList();

    private static async Task<List<int>> StatusesAsync(IPage page) =>
        (await page.Locator("#requests-table tbody span.status").AllInnerTextsAsync()).Select(int.Parse).ToList();
}

/// <summary>lineprof.html as the app wrote it at shutdown, opened from disk.</summary>
[TestFixture]
public sealed class ReportFileTests : ReportPageTests
{
    protected override async Task<(string Url, ProfileReport Report)> PrepareAsync()
    {
        var output = ReportApp.OutputFolder("file");
        await using var app = await ReportApp.StartAsync(output, KeepHostileRequests);
        await SendRequestsAsync(app);
        Assert.That(await app.StopAsync(), Is.Zero, app.Output);
        PageHtml = File.ReadAllText(Path.Combine(output, "lineprof.html"));
        return (new Uri(Path.Combine(output, "lineprof.html")).AbsoluteUri, ReportFile.Read(Path.Combine(output, "lineprof.json")));
    }

    protected override Task FinishAsync() => Task.CompletedTask;
}

/// <summary>The live page /_lineprof of the running app.</summary>
[TestFixture]
public sealed class LivePageTests : ReportPageTests
{
    private WebApp? _app;

    protected override async Task<(string Url, ProfileReport Report)> PrepareAsync()
    {
        _app = await ReportApp.StartAsync(ReportApp.OutputFolder("live"), KeepHostileRequests);
        await SendRequestsAsync(_app);
        var json = await (await _app.GetAsync("/_lineprof/api/report")).Content.ReadAsStringAsync();
        return (new Uri(_app.BaseAddress, "/_lineprof").AbsoluteUri, ReportFile.ReadJson(json));
    }

    protected override async Task FinishAsync()
    {
        if (_app != null) await _app.DisposeAsync();
    }
}
