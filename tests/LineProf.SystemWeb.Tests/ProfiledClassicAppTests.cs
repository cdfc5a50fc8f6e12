using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.SystemWeb.Tests;

/// <summary>
/// Issue 10's proof: a classic ASP.NET app that references the packed LineProf.SystemWeb package and sets
/// LineProfile=true is built with dotnet build, served by nginx in front of Mono's FastCGI server, sent real
/// requests, recycled the way a deployment recycles it (a web.config change unloads its AppDomain), and its
/// lineprof.json and lineprof.html are read. The app has no LineProf code and no LineProf line in web.config.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class ProfiledClassicAppTests
{
    private const int LoopCount = 37;

    /// <summary>The requests sent below that are profiled (/health is excluded by web.config, the live page always is).</summary>
    private const int ProfiledRequests = 10;

    /// <summary>web.config's LineProf:TriggerSecret; /sleep carries it.</summary>
    private const string TriggerSecret = "classic-trigger-secret-0123";

    private Sandbox _sandbox = null!;
    private string _handlers = null!;
    private ProfileReport _report = null!;
    private string _html = null!;
    private string _serverOutput = null!;
    private readonly Dictionary<string, HttpResponseMessage> _responses = [];
    private readonly Dictionary<string, string> _bodies = [];

    [OneTimeSetUp]
    public async Task BuildServeAndProfile()
    {
        Repository.RequirePackage("LineProf.SystemWeb");
        ClassicAspNetServer.RequireTools();
        _sandbox = Sandbox.Create("classic-app");
        _sandbox.CopyFromRepository("tests/Apps/ClassicApp", "app");
        _handlers = _sandbox.PathOf("app", "Handlers.cs");
        var build = _sandbox.Build("app/ClassicApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        Assert.That(build.Output, Does.Contain("LP0001"), "the build log says what was woven");

        await using var server = await ClassicAspNetServer.StartAsync(_sandbox.PathOf("app"), _sandbox.PathOf("nginx"), TimeSpan.FromMinutes(3));
        foreach (var path in new[] { $"/loop?n={LoopCount}", "/sleep", "/delay", "/parallel", "/throw", "/end", "/redirect", "/health", "/orders/7", "/orders/8", "/missing" })
            await Get(server, path, path, path == "/sleep" ? [("X-LineProf-Trigger", TriggerSecret)] : []);

        await Get(server, "live page", "/_lineprof");
        await Get(server, "live api", "/_lineprof/api/report");
        await Get(server, "live page behind a proxy", "/_lineprof", ("X-Forwarded-For", "203.0.113.9"));
        _responses["live page for a remote client"] = await server.GetAsRemoteClientAsync("/_lineprof");

        // A web.config change makes ASP.NET unload the app's AppDomain after its last request: LineProf's last write.
        // The new setting makes the restarted app authorize the live page itself, for the user "admin".
        var webConfig = _sandbox.PathOf("app", "Web.config");
        File.WriteAllText(webConfig, File.ReadAllText(webConfig).Replace("<appSettings>",
            "<appSettings>\n    <add key=\"Test:LivePageUser\" value=\"admin\" />", StringComparison.Ordinal));
        _serverOutput = await server.WaitForOutputAsync("LP1002", TimeSpan.FromMinutes(1));

        // Read before any further request starts a new AppDomain, whose first write would replace these files.
        var output = _sandbox.PathOf("app", "App_Data", "lineprof");
        _report = ReportFile.Read(Path.Combine(output, "lineprof.json"));
        _html = File.ReadAllText(Path.Combine(output, "lineprof.html"));
        await Get(server, "report file", "/App_Data/lineprof/lineprof.json");
        _responses["live page for the authorized remote user"] = await server.GetAsRemoteClientAsync("/_lineprof", ("X-Test-User", "admin"));
        _responses["live page for another remote user"] = await server.GetAsRemoteClientAsync("/_lineprof", ("X-Test-User", "mallory"));
        _responses["live page from loopback once the app authorizes"] = await server.GetAsync("/_lineprof");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public void The_report_holds_every_invariant() => ReportInvariants.Check(_report, _html);

    [Test]
    public void Every_request_got_the_status_its_client_saw()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_bodies[$"/loop?n={LoopCount}"], Is.EqualTo(Enumerable.Range(0, LoopCount).Sum(i => i * i).ToString()));
            Assert.That(_bodies["/delay"], Is.EqualTo("delayed 144"));
            Assert.That(_bodies["/parallel"], Is.EqualTo("10000"));
            Assert.That(_bodies["/end"], Is.EqualTo("ended"), "Response.End stops the handler");
            Assert.That(_responses["/throw"].StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(_responses["/redirect"].StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(_responses["/missing"].StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
        Assert.Multiple(() =>
        {
            foreach (var (path, status) in new[] { ("/sleep", 200), ("/delay", 200), ("/throw", 500), ("/end", 200), ("/redirect", 302), ("/missing", 404) })
                Assert.That(Request(path).Status, Is.EqualTo(status), $"the status recorded for {path}");
        });
    }

    [Test]
    public void The_AppDomain_unload_writes_the_complete_report_and_logs_where_it_is()
    {
        var summary = SummaryLine().Match(_serverOutput);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Success, Is.True, _serverOutput);
            Assert.That(summary.Groups["path"].Value, Is.EqualTo(_sandbox.PathOf("app", "App_Data", "lineprof", "lineprof.html")));
            Assert.That(int.Parse(summary.Groups["count"].Value), Is.EqualTo(ProfiledRequests));
            Assert.That(_report.RequestCount, Is.EqualTo(ProfiledRequests));
        });
    }

    [Test]
    public void The_report_is_not_served_to_the_web()
    {
        Assert.That(_responses["report file"].StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "App_Data is never served");
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
    public void An_async_handler_is_profiled_across_its_awaits_and_the_work_it_starts()
    {
        var request = Request("/delay");
        var delay = Line(request, "delay");
        Assert.Multiple(() =>
        {
            Assert.That(delay.Hits, Is.EqualTo(1));
            // Task.Delay's timer counts whole milliseconds of a coarser clock and may end a little before 100 ms of
            // Stopwatch time; a line not charged its await would show next to nothing.
            Assert.That(delay.TimeNs, Is.GreaterThanOrEqualTo(90_000_000), "the awaiting line is charged the time it awaited");
            Assert.That(delay.TimeNs, Is.LessThanOrEqualTo(request.DurationNs));
            Assert.That(request.DurationNs, Is.GreaterThanOrEqualTo(90_000_000), "EndRequest comes after the handler's task completed");
            Assert.That(Line(request, "after-delay").Hits, Is.EqualTo(1), "the continuation after the await counts for the request");
            Assert.That(Line(request, "square").Hits, Is.EqualTo(1), "so does the Task.Run it started");
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
            Assert.That(request.Status, Is.EqualTo(500), "from HttpContext.Error: Response.StatusCode still says 200 at EndRequest");
            Assert.That(Line(request, "throw").Hits, Is.EqualTo(1));
            Assert.That(Line(request, "throw-call").Hits, Is.EqualTo(1));
        });
    }

    [Test]
    public void Response_End_and_Redirect_end_the_profile_where_they_stop_the_handler()
    {
        var end = Request("/end");
        Assert.Multiple(() =>
        {
            Assert.That(Line(end, "end").Hits, Is.EqualTo(1));
            Assert.That(end.Lines.Any(l => l.Line == SourceMarkers.LineOf(_handlers, "after-end")), Is.False);
            Assert.That(Line(Request("/redirect"), "redirect").Hits, Is.EqualTo(1));
        });
    }

    [Test]
    public void Routed_requests_are_summed_per_route_template_and_mapped_handlers_per_path()
    {
        var orders = _report.Endpoints.Single(e => e.Name == "GET /orders/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(orders.Count, Is.EqualTo(2));
            Assert.That(orders.Lines.Single(l => l.Line == SourceMarkers.LineOf(_handlers, "order")).Hits, Is.EqualTo(2));
            Assert.That(_report.Endpoints.Single(e => e.Name == "GET /loop").Count, Is.EqualTo(1));
            Assert.That(_report.Lines.Single(l => l.Line == SourceMarkers.LineOf(_handlers, "sleep")).Source,
                Does.Contain("Thread.Sleep(100);"), "each line carries its source text, read at build time");
        });
    }

    [Test]
    public void A_path_excluded_in_web_config_is_not_profiled_at_all()
    {
        int health = SourceMarkers.LineOf(_handlers, "health");
        Assert.Multiple(() =>
        {
            Assert.That(_bodies["/health"], Is.EqualTo("healthy"));
            Assert.That(_report.Requests.Select(r => r.Path), Has.None.EqualTo("/health"));
            Assert.That(_report.Lines.Concat(_report.OutsideRequests.Lines).Where(l => l.Line == health && l.File.EndsWith("Handlers.cs")), Is.Empty);
        });
    }

    [Test]
    public void Application_Start_runs_outside_requests()
    {
        int startup = SourceMarkers.LineOf(_sandbox.PathOf("app", "Global.asax.cs"), "startup");
        Assert.Multiple(() =>
        {
            Assert.That(_report.OutsideRequests.Lines.Single(l => l.Line == startup && l.File.EndsWith("Global.asax.cs")).Hits, Is.EqualTo(1));
            Assert.That(_report.Requests.SelectMany(r => r.Lines).Where(l => l.Line == startup && l.File.EndsWith("Global.asax.cs")), Is.Empty);
        });
    }

    [Test]
    public void The_live_page_answers_a_loopback_client_with_the_report_and_strict_headers()
    {
        var page = _responses["live page"];
        var api = ReportFile.Parse(_bodies["live api"]);
        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(page.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(ReportHtml.ContentSecurityPolicy));
            Assert.That(_bodies["live page"], Does.Contain("<html").And.Contain("/orders/7"), "the page holds what was collected so far");
            Assert.That(_responses["live api"].Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(api.Requests.Select(r => r.Path), Does.Contain("/sleep"));
        });
    }

    [Test]
    public void The_live_page_is_a_plain_404_for_anyone_else()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_responses["live page behind a proxy"].StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(_responses["live page for a remote client"].StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public void An_app_that_authorizes_the_live_page_itself_decides_alone_and_knows_the_user()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_responses["live page for the authorized remote user"].StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_responses["live page for another remote user"].StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(_responses["live page from loopback once the app authorizes"].StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
                "the app's check replaces the loopback rule");
        });
    }

    [Test]
    public void The_app_runs_the_same_runtime_assembly_as_both_packages_ship_and_no_ASP_NET_Core_adapter()
    {
        var bin = _sandbox.PathOf("app", "bin");
        var runtime = File.ReadAllBytes(Path.Combine(bin, "LineProf.Runtime.dll"));
        Assert.Multiple(() =>
        {
            Assert.That(RuntimeIn(Repository.RequirePackage("LineProf.SystemWeb")), Is.EqualTo(runtime));
            Assert.That(RuntimeIn(Repository.RequirePackage("LineProf")), Is.EqualTo(runtime));
            Assert.That(File.Exists(Path.Combine(bin, "LineProf.SystemWeb.dll")), Is.True);
            Assert.That(File.Exists(Path.Combine(bin, "LineProf.AspNetCore.dll")), Is.False);
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

    [Test]
    public void A_triggered_request_gets_Server_Timing_naming_its_hottest_line_and_a_link_to_it_on_the_live_page()
    {
        var triggered = _responses["/sleep"];
        var timing = triggered.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : "";
        var link = triggered.Headers.TryGetValues("X-LineProf-Request", out var links) ? links.Single() : "";
        var id = Regex.Match(link, "^/_lineprof#request/(.+)$").Groups[1].Value;
        Assert.Multiple(() =>
        {
            Assert.That(timing, Does.Match(@"^lineprof;dur=[0-9.]+;desc=""profiled lines"", lineprof-1;dur=[0-9.]+;desc=""Handlers\.cs:" +
                SourceMarkers.LineOf(_handlers, "sleep") + @""""), "the Thread.Sleep line first");
            Assert.That(double.Parse(Regex.Match(timing, @"lineprof-1;dur=([0-9.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                Is.GreaterThanOrEqualTo(90), "the 100 ms sleep, in milliseconds");
            Assert.That(_report.Requests.Where(r => r.Path == "/sleep").Select(r => Uri.EscapeDataString(r.Id)), Does.Contain(id));
            Assert.That(_report.Selection!.Triggered, Is.EqualTo(1));
            foreach (var untriggered in new[] { "/orders/8", $"/loop?n={LoopCount}", "/delay" })
            {
                Assert.That(_responses[untriggered].Headers.Contains("Server-Timing"), Is.False, untriggered + ": by default only triggered responses");
                Assert.That(_responses[untriggered].Headers.Contains("X-LineProf-Request"), Is.False, untriggered);
            }
        });
    }

    private async Task Get(ClassicAspNetServer server, string name, string path, params (string Name, string Value)[] headers)
    {
        var response = await server.GetAsync(path, headers);
        _responses[name] = response;
        _bodies[name] = await response.Content.ReadAsStringAsync();
    }

    private static byte[] RuntimeIn(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.GetEntry("lineprof/netstandard2.0/LineProf.Runtime.dll")!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private RequestReport Request(string path) => _report.Requests.Single(r => r.Path == path);

    private RequestLine Line(RequestReport request, string marker)
    {
        int line = SourceMarkers.LineOf(_handlers, marker);
        var matches = request.Lines.Where(l => l.Line == line && l.File.EndsWith("Handlers.cs", StringComparison.Ordinal)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"request {request.Path} has line {line} (MARK:{marker}) once");
        return matches[0];
    }

    [GeneratedRegex(@"LP1002: LineProf report: (?<path>\S+) \((?<count>\d+) requests profiled\)")]
    private static partial Regex SummaryLine();
}
