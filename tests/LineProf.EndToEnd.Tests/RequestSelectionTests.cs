using System.Net;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// Production selection on a real app (tests/Apps/SelectionApp, built once, served on Kestrel once per
/// configuration): a sample rate, a trigger that needs the configured secret, a cap per second and the app's own
/// ShouldProfile decide as each request begins whether it is profiled, and every request still counts in its
/// endpoint.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RequestSelectionTests
{
    private const string Secret = "s3cret-trigger-0123456789";
    private const int RateRequests = 4000;
    private const double Rate = 0.1;

    // A binomial count falls outside this range once in 100,000 runs of a right sampler, so CI does not fail at random
    // (a 99.9% range over 1,000 requests once read 135 of 1,000 at rate 0.1). Over 4,000 requests it still fails
    // a rate that is off by half, always.
    private const double Confidence = 0.99999;
    private const int WorkN = 7;

    private Sandbox _sandbox = null!;
    private string _assembly = null!;
    private string _program = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("selection-app");
        _sandbox.CopyFromRepository("tests/Apps/SelectionApp", "app");
        _program = _sandbox.PathOf("app", "Program.cs");
        _sandbox.Build("app/SelectionApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        _assembly = _sandbox.PathOf("app", "bin", "Release", "net10.0", "SelectionApp.dll");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    private Task<WebApp> StartAsync(Dictionary<string, string?> environment)
    {
        environment["LINEPROF_OUTPUT"] = _sandbox.PathOf("out-" + Guid.NewGuid().ToString("N")[..8]);
        return WebApp.StartAsync(_assembly, environment);
    }

    private static async Task<ProfileReport> LiveReportAsync(WebApp app) =>
        ReportFile.Parse(await (await app.GetAsync("/_lineprof/api/report")).Content.ReadAsStringAsync());

    private static async Task<HttpResponseMessage> SendAsync(WebApp app, string pathAndQuery, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.BaseAddress, pathAndQuery));
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        var response = await app.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), pathAndQuery);
        return response;
    }

    [Test]
    public async Task At_rate_0_1_the_profiled_count_is_binomial_and_endpoint_counts_are_exact()
    {
        await using var app = await StartAsync(new() { ["LINEPROF_SAMPLE_RATE"] = "0.1" });
        var sent = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, RateRequests), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
        {
            await SendAsync(app, $"/work?n={WorkN}");
            Interlocked.Increment(ref sent);
        });
        var report = await LiveReportAsync(app);

        var endpoint = report.Endpoints.Single(e => e.Name == "GET /work");
        var (low, high) = BinomialRange(RateRequests, Rate, Confidence);
        int body = SourceMarkers.LineOf(_program, "work-body");
        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.EqualTo(RateRequests));
            Assert.That(report.Selection, Is.Not.Null);
            Assert.That(report.Selection!.Rate, Is.EqualTo(Rate));
            Assert.That(endpoint.Count, Is.EqualTo(RateRequests), "every request counts in its endpoint, profiled or not");
            Assert.That(report.Selection.Profiled, Is.InRange(low, high), $"binomial({RateRequests}, {Rate}) {Confidence:P3} range: {low}-{high}");
            Assert.That(report.Selection.Profiled + report.Selection.Unprofiled, Is.EqualTo(RateRequests));
            Assert.That(endpoint.Profiled, Is.EqualTo(report.Selection.Profiled));
            Assert.That(report.RequestCount, Is.EqualTo(report.Selection.Profiled));
            // Lines come from the profiled requests only: the loop body ran WorkN times in each.
            Assert.That(endpoint.Lines.Single(l => l.Line == body).Hits, Is.EqualTo(endpoint.Profiled * WorkN));
            Assert.That(endpoint.WarmUp, Is.EqualTo(1), "the endpoint's first request is its warm-up");
        });
        await app.StopAsync();
    }

    [Test]
    public async Task An_endpoint_at_its_own_rate_1_beside_a_default_of_0_is_profiled_on_every_request_and_no_other_is()
    {
        const int each = 25;
        await using var app = await StartAsync(new()
        {
            ["LINEPROF_SAMPLE_RATE"] = "0",
            // LineProf:Endpoints:<name as the report names it>:SampleRate, here from the environment; names ignore case.
            ["LineProf__Endpoints__get /WORK__SampleRate"] = "1",
            // Rate 1 too, but the app's ShouldProfile, asked again once routing chose the endpoint, sees its marker.
            ["LineProf__Endpoints__GET /private__SampleRate"] = "1",
            ["LineProf__ServerTiming"] = "all",
        });

        var timings = new List<string>();
        for (int i = 0; i < each; i++)
        {
            var work = await SendAsync(app, $"/work?n={WorkN}");
            timings.Add(work.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : "");
            await SendAsync(app, "/other");
            await SendAsync(app, "/private");
        }

        var report = await LiveReportAsync(app);
        var workEndpoint = report.Endpoints.Single(e => e.Name == "GET /work");
        var other = report.Endpoints.Single(e => e.Name == "GET /other");
        var hidden = report.Endpoints.Single(e => e.Name == "GET /private");
        int body = SourceMarkers.LineOf(_program, "work-body");
        Assert.Multiple(() =>
        {
            Assert.That(workEndpoint.Count, Is.EqualTo(each));
            Assert.That(workEndpoint.Profiled, Is.EqualTo(each), "its own rate 1: every request");
            Assert.That(workEndpoint.Lines.Single(l => l.Line == body).Hits, Is.EqualTo(each * WorkN), "its lines are whole: chosen before its code ran");
            Assert.That(other.Count, Is.EqualTo(each));
            Assert.That(other.Profiled, Is.EqualTo(0), "the default rate 0");
            Assert.That(hidden.Count, Is.EqualTo(each));
            Assert.That(hidden.Profiled, Is.EqualTo(0), "ShouldProfile saw the endpoint's metadata");
            Assert.That(report.Selection!.Rate, Is.EqualTo(0));
            Assert.That(report.Selection.Profiled, Is.EqualTo(each));
            Assert.That(report.Selection.Unprofiled, Is.EqualTo(2 * each));
            Assert.That(report.Requests.Where(r => r.Path.StartsWith("/work", StringComparison.Ordinal)).Select(r => r.DurationNs),
                Has.All.GreaterThan(0));
            Assert.That(timings, Has.All.Contains("desc=\"Program.cs:"), "profiled once routed: the response still gets its Server-Timing");
        });
        await app.StopAsync();
    }

    [Test]
    public async Task An_endpoint_at_its_own_rate_0_5_is_profiled_within_the_binomial_range_and_its_counts_stay_exact()
    {
        const int requests = 400;
        const double rate = 0.5;
        await using var app = await StartAsync(new() { ["LineProf__Endpoints__GET /work__SampleRate"] = "0.5" }); // the default rate stays 1
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
            await SendAsync(app, $"/work?n={WorkN}"));
        for (int i = 0; i < 10; i++) await SendAsync(app, "/other");
        var report = await LiveReportAsync(app);

        var work = report.Endpoints.Single(e => e.Name == "GET /work");
        var other = report.Endpoints.Single(e => e.Name == "GET /other");
        var (low, high) = BinomialRange(requests, rate, Confidence);
        int body = SourceMarkers.LineOf(_program, "work-body");
        Assert.Multiple(() =>
        {
            Assert.That(work.Count, Is.EqualTo(requests), "every request counts in its endpoint, profiled or not");
            Assert.That(work.Profiled, Is.InRange(low, high), $"binomial({requests}, {rate}) {Confidence:P3} range: {low}-{high}");
            // Begun profiled by the default rate, then dropped once routed: what they counted before goes nowhere.
            Assert.That(work.Lines.Single(l => l.Line == body).Hits, Is.EqualTo(work.Profiled * WorkN));
            Assert.That(other.Profiled, Is.EqualTo(10), "the default rate 1 for every other endpoint");
            Assert.That(report.Selection!.Profiled, Is.EqualTo(work.Profiled + 10));
            Assert.That(report.Selection.Unprofiled, Is.EqualTo(requests - work.Profiled));
            Assert.That(report.RequestCount, Is.EqualTo(report.Selection.Profiled));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task At_rate_0_only_the_right_secret_in_the_configured_header_triggers_profiling()
    {
        await using var app = await StartAsync(new()
        {
            ["LINEPROF_SAMPLE_RATE"] = "0",
            ["LINEPROF_TRIGGER_SECRET"] = Secret,
            ["LineProf__TriggerQueryParameter"] = "lineprof", // configured, but refused while the header is
        });

        var missing = await SendAsync(app, "/slow");
        var wrong = await SendAsync(app, "/slow", ("X-LineProf-Trigger", "wrong-secret"));
        var prefix = await SendAsync(app, "/slow", ("X-LineProf-Trigger", Secret[..^1]));
        var longer = await SendAsync(app, "/slow", ("X-LineProf-Trigger", Secret + "x"));
        var inQuery = await SendAsync(app, "/slow?lineprof=" + Uri.EscapeDataString(Secret));
        var right = await SendAsync(app, "/slow", ("X-LineProf-Trigger", Secret), ("X-No-Profile", "1"));
        var report = await LiveReportAsync(app);

        var endpoint = report.Endpoints.Single(e => e.Name == "GET /slow");
        int sleep = SourceMarkers.LineOf(_program, "slow-sleep");
        var timing = right.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : "";
        Assert.Multiple(() =>
        {
            Assert.That(report.Selection!.Profiled, Is.EqualTo(1), "only the request with the right secret in the header");
            Assert.That(report.Selection.Triggered, Is.EqualTo(1));
            Assert.That(report.Selection.Unprofiled, Is.EqualTo(5));
            Assert.That(report.Selection.RefusedTriggers, Is.EqualTo(4), "wrong, prefix, longer, and the secret in the query");
            Assert.That(endpoint.Count, Is.EqualTo(6));
            Assert.That(report.Requests.Single().Lines.Any(l => l.Line == sleep), "the triggered request's lines are collected");

            // Its response names the slow line in Server-Timing and links to it on the live page; the others carry neither.
            Assert.That(timing, Does.Contain($"desc=\"Program.cs:{sleep}\""));
            Assert.That(timing, Does.Not.Contain("/"), "no source folders in a response");
            Assert.That(right.Headers.GetValues("X-LineProf-Request").Single(), Is.EqualTo("/_lineprof#request/" + Uri.EscapeDataString(report.Requests.Single().Id)));
            foreach (var other in new[] { missing, wrong, prefix, longer, inQuery })
            {
                Assert.That(other.Headers.Contains("Server-Timing"), Is.False);
                Assert.That(other.Headers.Contains("X-LineProf-Request"), Is.False);
            }
        });
        await app.StopAsync();
    }

    [Test]
    public async Task The_apps_own_choice_the_cap_and_a_query_trigger_without_a_header_decide_too()
    {
        const int cap = 5;
        const int burst = 60;
        await using var app = await StartAsync(new()
        {
            ["LINEPROF_TRIGGER_SECRET"] = Secret,
            ["LINEPROF_MAX_PROFILED_PER_SECOND"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LineProf__TriggerHeader"] = "",
            ["LineProf__TriggerQueryParameter"] = "lineprof",
        });

        for (int i = 0; i < 20; i++) await SendAsync(app, "/other", ("X-No-Profile", "1"));
        var viaQuery = await SendAsync(app, "/other?lineprof=" + Uri.EscapeDataString(Secret), ("X-No-Profile", "1"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long firstSecond = System.Diagnostics.Stopwatch.GetTimestamp() / System.Diagnostics.Stopwatch.Frequency;
        await Parallel.ForEachAsync(Enumerable.Range(0, burst), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) => await SendAsync(app, "/work?n=3"));
        long lastSecond = System.Diagnostics.Stopwatch.GetTimestamp() / System.Diagnostics.Stopwatch.Frequency;
        var report = await LiveReportAsync(app);

        var other = report.Endpoints.Single(e => e.Name == "GET /other");
        var work = report.Endpoints.Single(e => e.Name == "GET /work");
        Assert.Multiple(() =>
        {
            Assert.That(other.Count, Is.EqualTo(21));
            Assert.That(other.Profiled, Is.EqualTo(1), "ShouldProfile said no to all but the triggered one");
            Assert.That(report.Selection!.Triggered, Is.EqualTo(1));
            Assert.That(viaQuery.Headers.Contains("Server-Timing"), Is.True, "triggered requests get Server-Timing by default");
            Assert.That(work.Count, Is.EqualTo(burst));
            // The cap is per second of the app's (and this machine's) monotonic clock: the burst spanned these seconds.
            Assert.That(work.Profiled, Is.LessThanOrEqualTo(cap * (lastSecond - firstSecond + 1)));
            Assert.That(work.Profiled + report.Selection.OverCap, Is.EqualTo(burst), "rate 1: every request the cap did not refuse is profiled");
            Assert.That(report.Requests.Count(r => r.WarmUp == true), Is.EqualTo(1), "/work's first request; /other's was its warm-up too, but not profiled");
            Assert.That(other.WarmUp, Is.EqualTo(1));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task A_request_its_endpoint_does_not_choose_gives_back_its_place_under_the_cap_and_one_routing_never_matched_keeps_it()
    {
        // One request at a time: at any moment at most one /other holds a place (from its start to its routing), so no
        // second has more places taken than all the /work and unmatched requests together plus one, which is the cap,
        // however the requests fall into seconds. Were a place not given back, each round's /other requests would fill
        // the cap of the second they fall in, and /work after them would be refused.
        const int rounds = 15, unmatched = 3, cap = rounds + unmatched + 1, othersPerRound = cap + 1;
        await using var app = await StartAsync(new()
        {
            ["LINEPROF_MAX_PROFILED_PER_SECOND"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LineProf__Endpoints__GET /other__SampleRate"] = "0", // the default rate stays 1: each request takes a place as it begins
        });

        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < othersPerRound; i++) await SendAsync(app, "/other");
            await SendAsync(app, $"/work?n={WorkN}");
        }

        for (int i = 0; i < unmatched; i++)
            Assert.That((await app.GetAsync("/missing")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var report = await LiveReportAsync(app);

        var work = report.Endpoints.Single(e => e.Name == "GET /work");
        var other = report.Endpoints.Single(e => e.Name == "GET /other");
        var missing = report.Endpoints.Single(e => e.Name == "GET (no endpoint)");
        Assert.Multiple(() =>
        {
            Assert.That(report.Selection!.OverCap, Is.EqualTo(0), "no second had more than the cap's places taken");
            Assert.That((work.Count, work.Profiled), Is.EqualTo((rounds, rounds)), "every /work request profiled: no /other kept a place");
            Assert.That((other.Count, other.Profiled), Is.EqualTo((rounds * othersPerRound, 0)));
            // Chosen as it began and never routed: the decision stands, its place is its own, and it counts once.
            Assert.That((missing.Count, missing.Profiled), Is.EqualTo((unmatched, unmatched)));
            Assert.That(report.Selection.Profiled, Is.EqualTo(rounds + unmatched));
            Assert.That(report.Selection.Unprofiled, Is.EqualTo(rounds * othersPerRound), "each /other counted once, not profiled");
        });
        await app.StopAsync();
    }

    // Default rate 1, /other's own 0: an /other the cap refused as it began is then not chosen by its rate (unprofiled, not over the cap).
    [TestCase("1", "GET /other", "0")]
    // Default rate 0, /work's own 1: a /work not chosen as it began is chosen by its rate once routed, then refused by the cap.
    [TestCase("0", "GET /work", "1")]
    public async Task Requests_decided_again_at_routing_under_the_cap_count_once_each_in_the_bucket_of_the_last_decision(string rate, string endpoint, string endpointRate)
    {
        const int each = 30;
        await using var app = await StartAsync(new()
        {
            ["LINEPROF_SAMPLE_RATE"] = rate,
            ["LINEPROF_MAX_PROFILED_PER_SECOND"] = "1",
            [$"LineProf__Endpoints__{endpoint}__SampleRate"] = endpointRate,
        });

        long firstSecond = System.Diagnostics.Stopwatch.GetTimestamp() / System.Diagnostics.Stopwatch.Frequency;
        for (int i = 0; i < each; i++)
        {
            await SendAsync(app, $"/work?n={WorkN}");
            await SendAsync(app, "/other");
        }

        long lastSecond = System.Diagnostics.Stopwatch.GetTimestamp() / System.Diagnostics.Stopwatch.Frequency;
        var report = await LiveReportAsync(app);

        var work = report.Endpoints.Single(e => e.Name == "GET /work");
        var other = report.Endpoints.Single(e => e.Name == "GET /other");
        var selection = report.Selection!;
        Assert.Multiple(() =>
        {
            Assert.That((work.Count, other.Count, other.Profiled), Is.EqualTo((each, each, 0L)));
            // The cap is per second of the app's (and this machine's) monotonic clock: the requests spanned these seconds.
            Assert.That(work.Profiled, Is.InRange(1, lastSecond - firstSecond + 1), "one a second");
            Assert.That(work.Profiled + selection.OverCap, Is.EqualTo(each), "every /work the cap refused is over the cap, and no /other is");
            Assert.That(selection.Unprofiled, Is.EqualTo(each + selection.OverCap), "every /other, and the /work the cap refused, once each");
            Assert.That(selection.Profiled, Is.EqualTo(work.Profiled));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task An_excluded_path_takes_no_place_under_the_cap()
    {
        // As above, one request at a time: with no place taken by the excluded /other, the /work requests, all of them, are within the cap.
        const int rounds = 9, cap = rounds + 1, excludedPerRound = cap;
        await using var app = await StartAsync(new()
        {
            ["LINEPROF_MAX_PROFILED_PER_SECOND"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LineProf__ExcludePaths__0"] = "/other",
        });

        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < excludedPerRound; i++) await SendAsync(app, "/other");
            await SendAsync(app, $"/work?n={WorkN}");
        }

        var report = await LiveReportAsync(app);
        var work = report.Endpoints.Single(e => e.Name == "GET /work");
        Assert.Multiple(() =>
        {
            Assert.That(report.Selection!.OverCap, Is.EqualTo(0));
            Assert.That((work.Count, work.Profiled), Is.EqualTo((rounds, rounds)));
            Assert.That(report.Endpoints.Select(e => e.Name), Has.None.EqualTo("GET /other"), "excluded: not recorded at all");
            Assert.That((report.Selection.Profiled, report.Selection.Unprofiled), Is.EqualTo((rounds, 0)));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task Recording_turned_off_and_on_from_the_live_page_and_by_a_configuration_reload_changes_what_is_recorded()
    {
        var settings = Path.Combine(Path.GetDirectoryName(_assembly)!, "appsettings.json");
        File.WriteAllText(settings, """{ "LineProf": { "Enabled": true } }""");
        try
        {
            await using var app = await StartAsync(new());
            async Task<long> Recorded() => (await LiveReportAsync(app)).Endpoints.SingleOrDefault(e => e.Name == "GET /other")?.Count ?? 0;
            async Task Send(int count) { for (int i = 0; i < count; i++) await SendAsync(app, "/other"); }
            async Task<HttpStatusCode> Post(string path, string? token)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.BaseAddress, path));
                if (token != null) request.Headers.Add("X-LineProf-Token", token);
                return (await app.Client.SendAsync(request)).StatusCode;
            }

            await Send(2);
            var page = await (await app.GetAsync("/_lineprof")).Content.ReadAsStringAsync();
            var token = System.Text.RegularExpressions.Regex.Match(page, "\"token\":\"([^\"]+)\"").Groups[1].Value;
            Assert.That(page, Does.Contain("\"profiling\":true"));

            Assert.That(await Post("/_lineprof/api/profiling/off", null), Is.EqualTo(HttpStatusCode.Forbidden), "no token, no change");
            await Send(1);
            Assert.That(await Recorded(), Is.EqualTo(3));

            Assert.That(await Post("/_lineprof/api/profiling/off", token), Is.EqualTo(HttpStatusCode.NoContent));
            await Send(3);
            var offPage = await (await app.GetAsync("/_lineprof")).Content.ReadAsStringAsync();
            var offStatus = await (await app.GetAsync("/_lineprof/api/status")).Content.ReadAsStringAsync();
            long recordedWhileOff = await Recorded();
            Assert.Multiple(() =>
            {
                Assert.That(recordedWhileOff, Is.EqualTo(3), "off: nothing recorded");
                Assert.That(offPage, Does.Contain("\"profiling\":false").And.Contain("Recording is off"));
                Assert.That(offStatus, Does.Contain("\"profiling\":false"));
            });

            Assert.That(await Post("/_lineprof/api/profiling/on", token), Is.EqualTo(HttpStatusCode.NoContent));
            await Send(1);
            Assert.That(await Recorded(), Is.EqualTo(4), "on again: recorded");

            File.WriteAllText(settings, """{ "LineProf": { "Enabled": false } }""");
            await WaitForStatusAsync(app, "\"profiling\":false");
            await Send(2);
            Assert.That(await Recorded(), Is.EqualTo(4), "Enabled false by a reload: nothing recorded");

            File.WriteAllText(settings, """{ "LineProf": { "Enabled": true } }""");
            await WaitForStatusAsync(app, "\"profiling\":true");
            await Send(1);
            Assert.That(await Recorded(), Is.EqualTo(5), "Enabled true by a reload: recorded again");
            await app.StopAsync();
        }
        finally
        {
            File.Delete(settings);
        }
    }

    /// <summary>Waits for the configuration reload (a file watcher's event in the app) to show in the live status.</summary>
    private static async Task WaitForStatusAsync(WebApp app, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await (await app.GetAsync("/_lineprof/api/status")).Content.ReadAsStringAsync()).Contains(expected, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("The app's status never read " + expected + ":\n" + app.Output);
            await Task.Delay(50);
        }
    }

    /// <summary>The central range holding <paramref name="confidence"/> of Binomial(n, p), from its exact distribution.</summary>
    private static (long Low, long High) BinomialRange(int n, double p, double confidence)
    {
        var pmf = new double[n + 1];
        double logP = Math.Log(p), logQ = Math.Log(1 - p), logChoose = 0;
        for (int k = 0; k <= n; k++)
        {
            if (k > 0) logChoose += Math.Log(n - k + 1) - Math.Log(k);
            pmf[k] = Math.Exp(logChoose + k * logP + (n - k) * logQ);
        }

        double tail = (1 - confidence) / 2, below = 0, above = 0;
        int low = 0, high = n;
        while (below + pmf[low] <= tail) below += pmf[low++];
        while (above + pmf[high] <= tail) above += pmf[high--];
        return (low, high);
    }
}
