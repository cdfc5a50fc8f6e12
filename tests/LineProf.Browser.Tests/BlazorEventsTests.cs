using System.Text.RegularExpressions;
using LineProf.Reporting;
using LineProf.Testing;
using Microsoft.Playwright;

namespace LineProf.Browser.Tests;

/// <summary>
/// <c>dotnet new blazor --interactivity Server</c>, its Counter given a slow spot (each click scores the new count,
/// right away or after an await), built with the packed package and <c>LineProfile=true</c>: headless Chromium opens
/// /counter, clicks once the circuit is up, waits for each count to render, and reads the live page's API before
/// the page closes. Each click is a unit of its own, named by component and handler, with exactly its lines.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BlazorEventsTests
{
    private const int Clicks = 10;
    private const int LaterClicks = 3;
    private const int Rounds = 500;                       // the loop's count in the overlay's Counter.razor
    private const string Page = "Components/Pages/Counter.razor";
    private const string Now = "blazor Counter.IncrementCount";
    private const string Later = "blazor Counter.IncrementCountLaterAsync";

    private Sandbox _sandbox = null!;
    private ProfileReport _live = null!;
    private ProfileReport _final = null!;
    private string _finalHtml = "";
    private IReadOnlyList<string> _pageErrors = [];

    [OneTimeSetUp]
    public async Task ClickTheCounter()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("blazor-events");
        var created = _sandbox.DotNet("", ["new", "blazor", "-o", "app", "-n", "BlazorApp", "--no-restore", "--interactivity", "Server"]);
        if (!created.Succeeded) Assert.Fail("dotnet new blazor failed:\n" + created.Output);
        _sandbox.CopyFromRepository(Path.Combine("tests", "Apps", "Templates", "blazor-events"), "app");
        var project = _sandbox.PathOf("app", "BlazorApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", """
              <ItemGroup>
                <PackageReference Include="LineProf" Version="$(LineProfVersion)" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        _sandbox.Build("app/BlazorApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");

        var output = ReportApp.OutputFolder("blazor-events");
        var assembly = _sandbox.PathOf("app", "bin", "Release", "net10.0", "BlazorApp.dll");
        await using var chromium = await Chromium.LaunchAsync();
        // Served from its build output as `dotnet run` serves it: in Development, where blazor.web.js and the other
        // static web assets are found through the build's manifest (elsewhere only a published app has them).
        var environment = new Dictionary<string, string?> { ["LINEPROF_OUTPUT"] = output, ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        await using var app = await WebApp.StartAsync(assembly, environment);
        await using (var page = await chromium.NewPageAsync())
        {
            await page.Page.GotoAsync(new Uri(app.BaseAddress, "counter").AbsoluteUri);
            var count = page.Page.GetByRole(AriaRole.Status);
            var now = page.Page.GetByRole(AriaRole.Button, new() { Name = "Click me", Exact = true });
            var later = page.Page.GetByRole(AriaRole.Button, new() { Name = "Click me later", Exact = true });

            // The prerendered button does nothing until the circuit is up: click until a click counts. A click that
            // counts late only raises the count; the handler runs once per count either way.
            int shown = 0;
            for (int attempt = 0; shown == 0; attempt++)
            {
                if (attempt == 60) Assert.Fail("The counter never became interactive:\n" + app.Output);
                await now.ClickAsync();
                shown = await CountChangesAsync(count, 0, TimeSpan.FromSeconds(1));
            }

            while (shown < Clicks)
            {
                await now.ClickAsync();
                shown = await CountChangesAsync(count, shown, TimeSpan.FromSeconds(30));
            }

            for (int i = 0; i < LaterClicks; i++)
            {
                await later.ClickAsync();
                shown = await CountChangesAsync(count, shown, TimeSpan.FromSeconds(30));
            }

            Assert.That(shown, Is.EqualTo(Clicks + LaterClicks), "one handler run per count");

            // A unit is recorded as its handler and the render it causes end, which may be just after the browser
            // shows the count: wait for the API to have them all, while the page (and its circuit) is still open.
            _live = await WaitForUnitsAsync(app);
            _pageErrors = page.Errors;
        }

        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
        _final = ReportFile.Read(Path.Combine(output, "lineprof.json"));
        _finalHtml = File.ReadAllText(Path.Combine(output, "lineprof.html"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    /// <summary>The count the page shows once it differs from <paramref name="from"/>, or <paramref name="from"/> after <paramref name="wait"/>.</summary>
    private static async Task<int> CountChangesAsync(ILocator status, int from, TimeSpan wait)
    {
        try
        {
            await Assertions.Expect(status).Not.ToHaveTextAsync($"Current count: {from}", new() { Timeout = (float)wait.TotalMilliseconds });
        }
        catch (PlaywrightException)
        {
            return from;
        }

        var text = await status.InnerTextAsync();
        return int.Parse(Regex.Match(text, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<ProfileReport> WaitForUnitsAsync(WebApp app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var report = ReportFile.Parse(await (await app.GetAsync("/_lineprof/api/report")).Content.ReadAsStringAsync());
            if (CountOf(report, Now) >= Clicks && CountOf(report, Later) >= LaterClicks) return report;
            if (DateTime.UtcNow > deadline) return report; // the tests say what is missing
            await Task.Delay(100);
        }
    }

    private static long CountOf(ProfileReport report, string endpoint) => report.Endpoints.FirstOrDefault(e => e.Name == endpoint)?.Count ?? 0;

    private int LineOf(string marker) => SourceMarkers.LineOf(_sandbox.PathOf("app", Page), marker);

    private static bool IsPage(string file) => file.Replace('\\', '/').EndsWith("/app/" + Page, StringComparison.Ordinal);

    private long HitsIn(IEnumerable<RequestLine> lines, string marker) =>
        lines.Where(l => IsPage(l.File) && l.Line == LineOf(marker)).Sum(l => l.Hits);

    private string Describe(ProfileReport report) =>
        "endpoints:\n" + string.Join("\n", report.Endpoints.Select(e => $"  {e.Name} x{e.Count}: " +
            string.Join(", ", e.Lines.Where(l => IsPage(l.File)).Select(l => $"{l.Line}:{l.Hits}"))));

    [Test]
    public void Each_click_is_a_unit_named_by_component_and_handler()
    {
        var units = _live.Requests.Where(r => r.Kind == "blazor").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(CountOf(_live, Now), Is.EqualTo(Clicks), Describe(_live));
            Assert.That(CountOf(_live, Later), Is.EqualTo(LaterClicks), Describe(_live));
            Assert.That(units.Where(u => u.Name == "Counter.IncrementCount").Count(), Is.EqualTo(Clicks), "each kept with its lines");
            Assert.That(units.Where(u => u.Name == "Counter.IncrementCountLaterAsync").Count(), Is.EqualTo(LaterClicks));
            Assert.That(units.Select(u => u.Status), Is.All.EqualTo(200));
        });
    }

    [Test]
    public void Each_unit_has_exactly_its_handlers_lines_also_after_an_await()
    {
        var units = _live.Requests.Where(r => r.Kind == "blazor").ToList();
        Assert.Multiple(() =>
        {
            foreach (var unit in units.Where(u => u.Name == "Counter.IncrementCount"))
            {
                Assert.That(HitsIn(unit.Lines, "score-now"), Is.EqualTo(Rounds), unit.Id);
                Assert.That(HitsIn(unit.Lines, "score-later"), Is.Zero, unit.Id);
            }

            foreach (var unit in units.Where(u => u.Name == "Counter.IncrementCountLaterAsync"))
            {
                Assert.That(HitsIn(unit.Lines, "await-later"), Is.EqualTo(1), unit.Id);
                Assert.That(HitsIn(unit.Lines, "score-later"), Is.EqualTo(Rounds), "the lines after the await stay in the unit: " + unit.Id);
                Assert.That(HitsIn(unit.Lines, "score-now"), Is.Zero, unit.Id);
            }
        });
    }

    [Test]
    public void The_render_a_click_causes_counts_for_its_unit()
    {
        var units = _live.Requests.Where(r => r.Kind == "blazor").ToList();
        Assert.That(units, Has.Count.EqualTo(Clicks + LaterClicks));
        Assert.Multiple(() =>
        {
            // After a synchronous handler the renderer renders once, after the unit's handler returned; an async
            // handler's component renders at its first await and again when it completes.
            foreach (var unit in units)
                Assert.That(HitsIn(unit.Lines, "render-count"), Is.EqualTo(unit.Name == "Counter.IncrementCount" ? 1 : 2), unit.Name + " " + unit.Id);
        });
    }

    [Test]
    public void No_other_unit_counts_the_handlers_lines()
    {
        var elsewhere = _live.Endpoints.Where(e => e.Name != Now && e.Name != Later)
            .Sum(e => HitsIn(e.Lines, "score-now") + HitsIn(e.Lines, "score-later"));
        Assert.Multiple(() =>
        {
            Assert.That(elsewhere, Is.Zero, Describe(_live));
            Assert.That(_live.Endpoints.Select(e => e.Name), Has.None.StartsWith("hub ComponentHub.BeginInvokeDotNetFromJS"),
                "the circuit call that dispatched a click is not a second unit for it");
            var total = _live.Lines.Where(l => IsPage(l.File) && (l.Line == LineOf("score-now") || l.Line == LineOf("score-later"))).Sum(l => l.Hits);
            Assert.That(total, Is.EqualTo((Clicks + LaterClicks) * Rounds), "every hit once, in the report's totals");
            Assert.That(_live.OutsideRequests.Lines.Where(l => IsPage(l.File)), Is.Empty, "nothing of the page leaks outside the units");
        });
    }

    [Test]
    public void The_circuits_connection_request_is_counted_and_charged_none_of_the_clicks()
    {
        var connection = _final.Endpoints.Where(e => e.Name.EndsWith("/_blazor", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(connection.Sum(e => e.Count), Is.GreaterThanOrEqualTo(1), Describe(_final));
            Assert.That(connection.Sum(e => HitsIn(e.Lines, "score-now") + HitsIn(e.Lines, "score-later")), Is.Zero);
        });
    }

    [Test]
    public void The_live_and_final_reports_hold_every_invariant()
    {
        Assert.That(_pageErrors, Is.Empty);
        ReportInvariants.Check(_live);
        ReportInvariants.Check(_final, _finalHtml);
    }
}
