namespace LineProf.Browser.Tests;

/// <summary>
/// A fixture whose tests share one headless Chromium: launched before the fixture's own one-time set-up, so a machine
/// without the browser skips (or, under CI, fails) before any app is built, and closed after its own tear-down.
/// </summary>
public abstract class ChromiumFixture
{
    protected Chromium Chromium { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser() => Chromium = await Chromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        if (Chromium != null) await Chromium.DisposeAsync();
    }
}
