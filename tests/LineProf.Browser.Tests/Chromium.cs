using Microsoft.Playwright;

namespace LineProf.Browser.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright through a pipe. Nothing is downloaded: Playwright's driver
/// ships in its NuGet package and the browser is the system's. Without the browser a test fails under CI=true
/// (build/test.sh installs it) and is skipped elsewhere.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/lib/chromium/chromium";

    // No sandbox (tests run as root in containers); and no traffic beyond the pages under test.
    private static readonly string[] s_arguments =
    [
        "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
        "--disable-sync", "--disable-domain-reliability", "--disable-breakpad", "--metrics-recording-only",
        "--no-first-run", "--no-default-browser-check", "--disable-features=Translate,OptimizationHints,MediaRouter",
    ];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            var message = $"No browser at {ExecutablePath}: install Debian's chromium package (build/test.sh does).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
            Assert.Ignore(message);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = s_arguments });
        return new Chromium(playwright, browser);
    }

    /// <summary>A new page in its own context that records every console error and uncaught exception.</summary>
    public async Task<WatchedPage> NewPageAsync(int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        return new WatchedPage(await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}

/// <summary>A page and the errors it reported: console errors (including refused CSP loads) and uncaught exceptions.</summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public WatchedPage(IPage page)
    {
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") lock (_errors) _errors.Add("console: " + message.Text); };
        page.PageError += (_, error) => { lock (_errors) _errors.Add("exception: " + error); };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) return _errors.ToList(); }
    }

    /// <summary>Saves a full-page screenshot and attaches it to the test's results.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}-{DateTime.UtcNow:HHmmssfff}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
