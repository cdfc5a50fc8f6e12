using System.Net;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// A static file's request runs no profiled line: it counts in its endpoint, but the requests kept with their lines
/// are those that have some, unless LineProf:KeepRequestsWithoutLines asks for all of them. A real app built from the
/// packed package, with UseStaticFiles and a file in wwwroot; reading the report checks its invariants (counts against kept requests).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RequestsWithoutLinesTests
{
    private Sandbox _sandbox = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("static-files");
        _sandbox.CopyFromRepository("tests/Apps/StaticFilesApp", "app");
        _sandbox.Build("app/StaticFilesApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public async Task A_static_files_request_counts_in_its_endpoint_but_is_not_kept()
    {
        var report = await ServeAndReport("default", keep: null);
        Assert.Multiple(() =>
        {
            Assert.That(report.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/hello" }), "only the request that ran lines is kept");
            Assert.That(report.RequestCount, Is.EqualTo(2), "both were profiled");
            Assert.That(report.Endpoints.Sum(e => e.Count), Is.EqualTo(2), "both count in their endpoints");
            Assert.That(report.Endpoints.Where(e => e.Name != "GET /hello").Sum(e => e.Count), Is.EqualTo(1), "the static file's");
        });
    }

    [TestCase("LineProf__KeepRequestsWithoutLines")]
    [TestCase("LINEPROF_KEEP_REQUESTS_WITHOUT_LINES")]
    public async Task The_option_keeps_requests_that_ran_no_line(string setting)
    {
        var report = await ServeAndReport("keep", keep: setting);
        var file = report.Requests.Single(r => r.Path == "/site.css");
        Assert.Multiple(() =>
        {
            Assert.That(report.Requests.Select(r => r.Path), Is.EquivalentTo(new[] { "/hello", "/site.css" }));
            Assert.That(file.Status, Is.EqualTo(200));
            Assert.That(file.Lines, Is.Empty, "it ran no profiled line");
        });
    }

    private async Task<ProfileReport> ServeAndReport(string name, string? keep)
    {
        var output = _sandbox.PathOf("out-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = new Dictionary<string, string?> { ["LINEPROF_OUTPUT"] = output };
        if (keep != null) environment[keep] = "true";
        await using var app = await WebApp.StartAsync(_sandbox.PathOf("app", "bin", "Release", "net10.0", "StaticFilesApp.dll"),
            environment, contentRoot: _sandbox.PathOf("app"));
        using var css = await app.GetAsync("/site.css");
        Assert.That(await css.Content.ReadAsStringAsync(), Does.Contain("teal"), "the file in wwwroot is served");
        Assert.That((await app.GetAsync("/hello")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await app.StopAsync(), Is.Zero, app.Output);
        return ReportFile.Load(Path.Combine(output, "lineprof.json"));
    }
}
