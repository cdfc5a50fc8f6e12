using System.Net;
using LineProf.Testing;

namespace LineProf.BuildMatrix.Tests;

/// <summary>
/// A solution whose web app and class libraries all set LineProfile: built with one dotnet build of the solution,
/// served, sent a request; the request's lines in lineprof.json come from all three projects.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SolutionTests
{
    [Test]
    public async Task One_report_shows_lines_from_the_web_app_and_each_library()
    {
        Repository.RequirePackage("LineProf");
        using var sandbox = Sandbox.Create("solution");
        sandbox.CopyFromRepository("tests/Apps/Solution", "shop");
        var build = sandbox.Build("shop/Shop.slnx", "-c", "Release", $"-p:LineProfVersion={Repository.Version}");

        var bin = sandbox.PathOf("shop", "Web", "bin", "Release", "net10.0");
        await using (var app = await WebApp.StartAsync(Path.Combine(bin, "Web.dll")))
        {
            var response = await app.GetAsync("/order/4");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("46"));
            await app.StopAsync();
        }

        var report = ReportFile.Load(Path.Combine(bin, "lineprof", "lineprof.json"));
        var request = report.Requests.Single(r => r.Path == "/order/4");
        long Hits(string project, string file, string marker)
        {
            int line = SourceMarkers.LineOf(sandbox.PathOf("shop", project, file), marker);
            return request.Lines.Where(l => Path.GetFileName(l.File) == file && l.Line == line).Sum(l => l.Hits);
        }

        Assert.Multiple(() =>
        {
            foreach (var assembly in new[] { "Web.dll", "Orders.dll", "Pricing.dll" })
                Assert.That(build.Output, Does.Contain("LineProf wove " + assembly));
            Assert.That(Hits("Web", "Program.cs", "web"), Is.EqualTo(1), "the web app's line");
            Assert.That(Hits("Orders", "OrderBook.cs", "orders"), Is.EqualTo(4), "the first library's line");
            Assert.That(Hits("Pricing", "PriceList.cs", "pricing"), Is.EqualTo(4), "the second library's line");
        });
    }
}
