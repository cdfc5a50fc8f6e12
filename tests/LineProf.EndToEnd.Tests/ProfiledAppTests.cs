using System.Net;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// The spine, as a user meets it: an ASP.NET Core app that references the packed LineProf package and sets
/// LineProfile=true is built with dotnet build, served on Kestrel, sent real requests, stopped gracefully, and
/// its lineprof.json and lineprof.html are read. The app has no LineProf code of its own.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ProfiledAppTests
{
    private const int LoopCount = 37;
    private const string HostilePath = "/missing/<script>alert('xss')</script>";

    private Sandbox _sandbox = null!;
    private string _program = null!;
    private ProfileReport _report = null!;
    private ProfileReport _liveReport = null!;
    private string _html = null!;
    private string _appOutput = null!;
    private int _exitCode;

    [OneTimeSetUp]
    public async Task BuildServeAndProfile()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("profiled-app");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
        _program = _sandbox.PathOf("app", "Program.cs");
        var build = _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        Assert.That(build.Output, Does.Contain("LP0001"), "the build log says what was woven");

        // The hostile path runs no profiled line: kept only when asked, so the page can be shown to escape it.
        await using var app = await WebApp.StartAsync(_sandbox.PathOf("app", "bin", "Release", "net10.0", "ProofApp.dll"),
            new Dictionary<string, string?> { ["LINEPROF_KEEP_REQUESTS_WITHOUT_LINES"] = "1" });
        Assert.That((await app.GetAsync($"/loop?n={LoopCount}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await app.GetAsync("/sleep")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await app.GetAsync("/delay")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await (await app.GetAsync("/parallel")).Content.ReadAsStringAsync(), Is.EqualTo("10000"));
        Assert.That((await app.GetAsync("/throw")).StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That((await app.GetAsync(HostilePath)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        _liveReport = ReportFile.ReadJson(await (await app.GetAsync("/_lineprof/api/report")).Content.ReadAsStringAsync());
        _exitCode = await app.StopAsync();
        _appOutput = app.Output;

        var output = _sandbox.PathOf("app", "bin", "Release", "net10.0", "lineprof");
        _report = ReportFile.Read(Path.Combine(output, "lineprof.json"));
        _html = File.ReadAllText(Path.Combine(output, "lineprof.html"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public void The_report_holds_every_invariant() => ReportInvariants.Check(_report, _html);

    [Test]
    public void The_live_report_holds_every_invariant() => ReportInvariants.Check(_liveReport);

    [Test]
    public void While_the_app_runs_its_Main_reads_its_time_so_far()
    {
        // Main is inside app.Run() while the app serves: a report taken then shows the time Main has run so far, at
        // least that of each line it has finished, not 0 (which the page read as a share of infinity).
        var main = _liveReport.OutsideRequests.Methods.Single(m => m.Method == "Program.Main");
        var finishedLines = _liveReport.OutsideRequests.Lines.Where(l => l.Method == "Program.Main").ToList();
        Assert.That(finishedLines, Is.Not.Empty);
        Assert.That(main.TimeNs, Is.GreaterThan(0).And.GreaterThanOrEqualTo(finishedLines.Max(l => l.TimeNs)));
    }

    [Test]
    public void After_a_graceful_stop_Main_is_timed_to_its_end_with_the_time_it_served_requests()
    {
        // The last write comes after Main has returned from app.Run(), so Run's line has its time and Main all of it.
        int runLine = SourceMarkers.LineOf(_program, "run");
        var run = _report.OutsideRequests.Lines.Single(l => l.Line == runLine && l.File.EndsWith("Program.cs", StringComparison.Ordinal));
        var main = _report.OutsideRequests.Methods.Single(m => m.Method == "Program.Main");
        long served = _report.Requests.Sum(r => r.DurationNs);
        Assert.Multiple(() =>
        {
            Assert.That(run.Hits, Is.EqualTo(1));
            Assert.That(run.TimeNs, Is.GreaterThan(served), "Run served every request");
            Assert.That(main.TimeNs, Is.GreaterThanOrEqualTo(run.TimeNs));
        });
    }

    [Test]
    public void An_async_endpoint_lambda_is_a_method_named_by_its_line()
    {
        // A minimal API's async endpoints are async lambdas of Main: named alike, their figures would be summed as one.
        int delay = SourceMarkers.LineOf(_program, "delay");
        var lambda = Request("/delay").Methods.Single(m => m.Method.StartsWith("Program.Main lambda", StringComparison.Ordinal));
        Assert.That(lambda.Method, Is.EqualTo($"Program.Main lambda@{delay}"));
    }

    [Test]
    public void The_app_shuts_down_cleanly_and_says_where_the_report_is()
    {
        Assert.That(_exitCode, Is.EqualTo(0), _appOutput);
        Assert.That(_appOutput, Does.Contain("lineprof.html"));
    }

    [Test]
    public void A_loop_body_run_n_times_has_exactly_n_hits_and_so_does_the_line_it_calls()
    {
        var request = Request("/loop");
        Assert.Multiple(() =>
        {
            Assert.That(Line(request, "loop-body").Hits, Is.EqualTo(LoopCount));
            Assert.That(Line(request, "square").Hits, Is.EqualTo(LoopCount));
        });
    }

    [Test]
    public void A_sleeping_line_has_at_least_its_sleep_and_at_most_its_request()
    {
        var request = Request("/sleep");
        var sleep = Line(request, "sleep");
        Assert.Multiple(() =>
        {
            Assert.That(sleep.Hits, Is.EqualTo(1));
            Assert.That(sleep.TimeNs, Is.GreaterThanOrEqualTo(100_000_000));
            Assert.That(sleep.TimeNs, Is.LessThanOrEqualTo(request.DurationNs));
        });
    }

    [Test]
    public void An_awaiting_line_is_charged_the_time_it_awaited()
    {
        var request = Request("/delay");
        var delay = Line(request, "delay");
        Assert.Multiple(() =>
        {
            Assert.That(delay.Hits, Is.EqualTo(1));
            // Task.Delay's timer counts whole milliseconds of a coarser clock and may end a little before 100 ms of
            // Stopwatch time (99.5 ms was seen); a line not charged its await would show next to nothing.
            Assert.That(delay.TimeNs, Is.GreaterThanOrEqualTo(90_000_000));
            Assert.That(delay.TimeNs, Is.LessThanOrEqualTo(request.DurationNs));
        });
    }

    [Test]
    public void A_line_run_by_Parallel_For_counts_every_iteration_exactly_for_its_request()
    {
        Assert.That(Line(Request("/parallel"), "parallel-body").Hits, Is.EqualTo(10000));
    }

    [Test]
    public void A_request_whose_handler_throws_is_recorded_as_500_with_its_throwing_line()
    {
        var request = Request("/throw");
        Assert.Multiple(() =>
        {
            Assert.That(request.Status, Is.EqualTo(500));
            Assert.That(Line(request, "throw").Hits, Is.EqualTo(1));
            Assert.That(Line(request, "throw-call").Hits, Is.EqualTo(1));
        });
    }

    [Test]
    public void Requests_are_summed_per_route_template()
    {
        var loop = _report.Endpoints.Single(e => e.Name == "GET /loop");
        Assert.Multiple(() =>
        {
            Assert.That(loop.Count, Is.EqualTo(1));
            Assert.That(loop.Lines.Single(l => l.Line == SourceMarkers.LineOf(_program, "loop-body")).Hits, Is.EqualTo(LoopCount));
            Assert.That(_report.Lines.Single(l => l.Line == SourceMarkers.LineOf(_program, "sleep")).Source,
                Does.Contain("Thread.Sleep(100);"), "each line carries its source text, read at build time");
        });
    }

    [Test]
    public void A_hostile_request_path_is_recorded_but_appears_escaped_in_the_html()
    {
        Assert.That(_report.Requests.Select(r => r.Path), Does.Contain(HostilePath));
        Assert.Multiple(() =>
        {
            Assert.That(_html, Does.Not.Contain("<script>alert"));
            Assert.That(_html, Does.Contain(@"\u003cscript\u003ealert"));
        });
    }

    [Test]
    public void The_html_report_is_self_contained()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_html, Does.Not.Match(@"(src|href)\s*=\s*[""']?(https?:)?//"), "no external script, style or font");
            Assert.That(_html, Does.Contain("Content-Security-Policy"));
        });
    }

    private RequestReport Request(string path) => _report.Requests.Single(r => r.Path == path);

    private RequestLine Line(RequestReport request, string marker)
    {
        int line = SourceMarkers.LineOf(_program, marker);
        var matches = request.Lines.Where(l => l.Line == line && l.File.EndsWith("Program.cs", StringComparison.Ordinal)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"request {request.Path} has line {line} (MARK:{marker}) once");
        return matches[0];
    }
}
