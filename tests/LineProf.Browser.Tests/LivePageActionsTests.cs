using System.Net;
using System.Text.Json;
using LineProf.Testing;

namespace LineProf.Browser.Tests;

/// <summary>What only the live page does: it follows new requests, downloads lineprof.json and resets.</summary>
[TestFixture]
public sealed class LivePageActionsTests : ChromiumFixture
{
    private WebApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await ReportApp.StartAsync(ReportApp.OutputFolder("live-actions"));
        Assert.That((await _app.GetAsync("/orders/1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app != null) await _app.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task A_request_made_while_the_page_is_open_appears_without_a_reload()
    {
        await using var page = await OpenAsync();
        await page.Page.Locator("#requests-table tbody tr").First.WaitForAsync();
        await page.Page.EvaluateAsync("() => { window.__sameDocument = true; }");

        Assert.That((await _app.GetAsync("/orders/4242")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await page.Page.Locator("#requests-table td.path", new() { HasText = "/orders/4242" }).WaitForAsync(new() { Timeout = 15_000 });

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await page.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), Is.True, "the page was not reloaded");
            Assert.That(await page.Page.InnerTextAsync("#live-status"), Does.StartWith("Live"));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test, Order(2)]
    public async Task The_download_button_saves_lineprof_json()
    {
        await using var page = await OpenAsync();
        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.ClickAsync("#download"));
        var path = Path.Combine(ReportApp.OutputFolder("download"), download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var report = ReportFile.Load(path);

        Assert.Multiple(() =>
        {
            Assert.That(download.SuggestedFilename, Is.EqualTo("lineprof.json"));
            Assert.That(report.SchemaVersion, Is.EqualTo(1));
            Assert.That(report.Requests.Select(r => r.Path), Does.Contain("/orders/1"));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test, Order(3)]
    public async Task Reset_asks_for_a_second_click_then_forgets_everything()
    {
        await using var page = await OpenAsync();
        await page.Page.ClickAsync("#reset");
        var afterOneClick = await RequestCountAsync();
        var prompt = await page.Page.InnerTextAsync("#reset");
        await page.Page.ClickAsync("#reset");
        await page.Page.Locator("p.note", new() { HasText = "No profiled requests yet." }).WaitForAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(afterOneClick, Is.GreaterThan(0), "one click alone resets nothing");
            Assert.That(prompt, Does.Contain("again"));
            Assert.That(await RequestCountAsync(), Is.Zero);
            Assert.That(await page.Page.Locator("#requests-table").CountAsync(), Is.Zero);
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test, Order(4)]
    public async Task The_recording_switch_turns_recording_off_and_on_and_says_which()
    {
        await using var page = await OpenAsync();
        var before = await RequestCountAsync();
        var onLabel = await page.Page.InnerTextAsync("#profiling-switch");

        await page.Page.ClickAsync("#profiling-switch");
        await page.Page.Locator("#profiling-switch", new() { HasText = "Recording: off" }).WaitForAsync();
        Assert.That((await _app.GetAsync("/orders/77")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var whileOff = await RequestCountAsync();

        await page.Page.ClickAsync("#profiling-switch");
        await page.Page.Locator("#profiling-switch", new() { HasText = "Recording: on" }).WaitForAsync();
        Assert.That((await _app.GetAsync("/orders/78")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(onLabel, Is.EqualTo("Recording: on"));
            Assert.That(whileOff, Is.EqualTo(before), "a request while off is not recorded");
            Assert.That(await RequestCountAsync(), Is.EqualTo(before + 1), "on again: recorded");
            Assert.That(page.Errors, Is.Empty);
        });
    }

    private async Task<WatchedPage> OpenAsync()
    {
        var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_app.BaseAddress, "/_lineprof").AbsoluteUri);
        await page.Page.Locator("#lineprof main").WaitForAsync();
        return page;
    }

    private async Task<long> RequestCountAsync()
    {
        using var status = JsonDocument.Parse(await (await _app.GetAsync("/_lineprof/api/status")).Content.ReadAsStringAsync());
        return status.RootElement.GetProperty("requestCount").GetInt64();
    }
}
