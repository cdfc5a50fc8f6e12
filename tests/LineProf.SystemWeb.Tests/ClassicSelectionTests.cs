using System.Net;
using LineProf.Testing;

namespace LineProf.SystemWeb.Tests;

/// <summary>
/// The cap per second in a classic ASP.NET app on Mono behind nginx: a request to an excluded path is not recorded,
/// so it takes no place under the cap that the app's profiled requests need.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ClassicSelectionTests
{
    private Sandbox _sandbox = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf.SystemWeb");
        ClassicAspNetServer.RequireTools();
        _sandbox = Sandbox.Create("classic-selection");
        _sandbox.CopyFromRepository("tests/Apps/ClassicApp", "app");
        _sandbox.Build("app/ClassicApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public async Task An_excluded_path_takes_no_place_under_the_cap()
    {
        // One request at a time, so however the rounds fall into seconds, a second holds at most `rounds` profiled
        // requests, fewer than the cap: none is over it unless the excluded /health requests (the web.config excludes
        // it; a cap's worth of them each round) took places.
        const int rounds = 9, cap = rounds + 1;
        var webConfig = _sandbox.PathOf("app", "Web.config");
        File.WriteAllText(webConfig, File.ReadAllText(webConfig).Replace("<appSettings>",
            $"<appSettings>\n    <add key=\"LineProf:MaxProfiledPerSecond\" value=\"{cap}\" />", StringComparison.Ordinal));

        await using var server = await ClassicAspNetServer.StartAsync(_sandbox.PathOf("app"), _sandbox.PathOf("nginx"), TimeSpan.FromMinutes(3));
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < cap; i++) Assert.That((await server.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await server.GetAsync("/loop?n=3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var report = ReportFile.Parse(await (await server.GetAsync("/_lineprof/api/report")).Content.ReadAsStringAsync());
        var loop = report.Endpoints.Single(e => e.Name == "GET /loop");
        Assert.Multiple(() =>
        {
            Assert.That(report.Selection!.OverCap, Is.EqualTo(0), "the excluded requests took no place");
            Assert.That((loop.Count, loop.Profiled), Is.EqualTo((rounds, rounds)));
            Assert.That(report.Endpoints.Select(e => e.Name), Has.None.EqualTo("GET /health"), "excluded: not recorded at all");
        });
    }
}
