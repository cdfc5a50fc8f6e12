using LineProf.Collection;

namespace LineProf.Runtime.Tests;

/// <summary>The decision a request gets as it begins, and what the endpoints make of requests not profiled.</summary>
[TestFixture]
public sealed class SelectionTests
{
    private const string Secret = "0123456789abcdef-secret";

    private static RequestSelector Selector(double rate = 0, string? header = RequestSelector.DefaultTriggerHeader, string? query = null, int cap = 0) =>
        new(new LineProfilerOptions { SampleRate = rate, TriggerSecret = Secret, TriggerHeader = header, TriggerQueryParameter = query, MaxProfiledPerSecond = cap });

    [Test]
    public void Only_the_exact_secret_in_the_header_triggers()
    {
        var selector = Selector(query: "lineprof");
        Assert.Multiple(() =>
        {
            Assert.That(selector.Select(Secret, null, null, out bool refused), Is.EqualTo(RequestSelection.Triggered));
            Assert.That(refused, Is.False);
            foreach (var presented in new[] { "", "wrong", Secret[..^1], Secret + "x", Secret.ToUpperInvariant() })
            {
                Assert.That(selector.Select(presented, null, null, out refused), Is.EqualTo(RequestSelection.NotChosen), presented);
                Assert.That(refused, Is.True, presented);
            }

            Assert.That(selector.Select(null, Secret, null, out refused), Is.EqualTo(RequestSelection.NotChosen), "no secret in a URL while a header is configured");
            Assert.That(refused, Is.True);
            Assert.That(selector.Select(null, null, null, out refused), Is.EqualTo(RequestSelection.NotChosen));
            Assert.That(refused, Is.False);
        });
    }

    [Test]
    public void Without_a_header_the_query_parameter_carries_the_secret()
    {
        var selector = Selector(header: "", query: "lineprof");
        Assert.Multiple(() =>
        {
            Assert.That(selector.AcceptsQueryTrigger, Is.True);
            Assert.That(selector.Select(null, Secret, null, out _), Is.EqualTo(RequestSelection.Triggered));
            Assert.That(selector.Select(null, "wrong", null, out bool refused), Is.EqualTo(RequestSelection.NotChosen));
            Assert.That(refused, Is.True);
        });
    }

    [Test]
    public void Without_a_configured_secret_nothing_triggers()
    {
        var selector = new RequestSelector(new LineProfilerOptions { SampleRate = 0 });
        Assert.That(selector.Select("", null, null, out bool refused), Is.EqualTo(RequestSelection.NotChosen));
        Assert.That(refused, Is.True);
    }

    [Test]
    public void A_trigger_wins_over_the_apps_choice_which_wins_over_the_rate()
    {
        var selector = Selector(rate: 1);
        Assert.Multiple(() =>
        {
            Assert.That(selector.Select(Secret, null, () => false, out _), Is.EqualTo(RequestSelection.Triggered));
            Assert.That(selector.Select(null, null, () => false, out _), Is.EqualTo(RequestSelection.NotChosen));
            Assert.That(selector.Select(null, null, () => true, out _), Is.EqualTo(RequestSelection.Sampled));
        });
    }

    [Test]
    public void The_cap_refuses_what_the_rate_chose_beyond_it_within_a_second()
    {
        var selector = Selector(rate: 1, cap: 3);
        long before = System.Diagnostics.Stopwatch.GetTimestamp() / System.Diagnostics.Stopwatch.Frequency;
        var decisions = Enumerable.Range(0, 10).Select(i => selector.Select(null, null, null, out _)).ToList();
        long after = System.Diagnostics.Stopwatch.GetTimestamp() / System.Diagnostics.Stopwatch.Frequency;
        int sampled = decisions.Count(d => d == RequestSelection.Sampled);
        Assert.That(sampled, Is.InRange(3, 3 * (after - before + 1)));
        Assert.That(decisions.Count(d => d == RequestSelection.OverCap), Is.EqualTo(10 - sampled));
        Assert.That(selector.Select(Secret, null, null, out _), Is.EqualTo(RequestSelection.Triggered), "a trigger is not capped");
    }

    [TestCase(-1.0, 0.0)]
    [TestCase(2.0, 1.0)]
    [TestCase(double.NaN, 1.0)]
    public void A_rate_outside_0_to_1_is_clamped(double configured, double used) =>
        Assert.That(new RequestSelector(new LineProfilerOptions { SampleRate = configured }).Rate, Is.EqualTo(used));

    [Test]
    public void An_endpoint_named_as_the_report_names_it_has_its_own_rate_clamped_and_any_case()
    {
        var options = new LineProfilerOptions { SampleRate = 0.25 };
        options.Endpoints["GET /orders/{id}"] = new EndpointProfilingOptions { SampleRate = 0.5 };
        options.Endpoints[" POST /orders "] = new EndpointProfilingOptions { SampleRate = 3 };
        var selector = new RequestSelector(options);
        options.Endpoints.Clear(); // the selector keeps what it was made with
        Assert.Multiple(() =>
        {
            Assert.That(selector.HasEndpointRates, Is.True);
            Assert.That(selector.TryGetEndpointRate("get /ORDERS/{id}", out double rate), Is.True);
            Assert.That(rate, Is.EqualTo(0.5));
            Assert.That(selector.TryGetEndpointRate("POST /orders", out rate), Is.True);
            Assert.That(rate, Is.EqualTo(1.0), "clamped to 1");
            Assert.That(selector.TryGetEndpointRate("GET /orders", out rate), Is.False);
            Assert.That(rate, Is.EqualTo(0.25), "any other endpoint: the default rate");
            Assert.That(new RequestSelector(new LineProfilerOptions()).HasEndpointRates, Is.False);
        });
    }

    [TestCase("GET /orders/{id:int}", "GET /orders/{id}")]
    [TestCase("GET /orders/{id:int:min(1)}/lines/{line:regex(^\\d{{1,3}}$)}", "GET /orders/{id}/lines/{line}")]
    [TestCase("GET /Home/About/{id:int?}", "GET /Home/About/{id?}")]
    [TestCase("GET /files/{**path}", "GET /files/{**path}")]
    public void An_endpoint_with_route_constraints_is_named_without_them_since_configuration_keys_cannot_hold_a_colon(string endpoint, string configured)
    {
        var options = new LineProfilerOptions { SampleRate = 0 };
        options.Endpoints[configured] = new EndpointProfilingOptions { SampleRate = 0.5 };
        Assert.That(new RequestSelector(options).TryGetEndpointRate(endpoint, out double rate) ? rate : -1, Is.EqualTo(0.5));
    }

    /// <summary>A selector at rate 1 whose cap counts seconds of <paramref name="second"/>, a clock the test moves.</summary>
    private static RequestSelector Capped(int cap, Func<long> second) =>
        new(new LineProfilerOptions { SampleRate = 1, MaxProfiledPerSecond = cap }, second);

    [Test]
    public void An_endpoints_decision_asks_the_app_then_its_rate_then_the_cap_unless_the_request_holds_a_place()
    {
        var selector = Capped(cap: 1, () => 100);
        Assert.Multiple(() =>
        {
            Assert.That(selector.Select(null, null, null, out _, out var held), Is.EqualTo(RequestSelection.Sampled));
            Assert.That(held.IsHeld, Is.True);
            Assert.That(selector.SelectForEndpoint(1, () => false, CapSlot.None), Is.EqualTo(RequestSelection.NotChosen));
            Assert.That(selector.SelectForEndpoint(1, null, held), Is.EqualTo(RequestSelection.Sampled), "already let through the cap");
            Assert.That(selector.SelectForEndpoint(1, null, CapSlot.None), Is.EqualTo(RequestSelection.OverCap), "at most one a second");
            Assert.That(Enumerable.Range(0, 2000).Count(_ => selector.SelectForEndpoint(0.5, null, held) == RequestSelection.Sampled),
                Is.InRange(1000 - 150, 1000 + 150), "rate 0.5 (about 6.7 standard deviations either side)");
        });
    }

    [Test]
    public void A_place_under_the_cap_its_endpoint_does_not_use_is_given_back_within_its_second_only()
    {
        long second = 100;
        var selector = Capped(cap: 2, () => second);
        Assert.That(selector.Select(null, null, null, out _, out var first), Is.EqualTo(RequestSelection.Sampled));
        Assert.That(selector.Select(null, null, null, out _, out var late), Is.EqualTo(RequestSelection.Sampled));
        Assert.That(selector.Select(null, null, null, out _, out var none), Is.EqualTo(RequestSelection.OverCap));
        Assert.That(none.IsHeld, Is.False, "refused by the cap: no place to give back");

        Assert.That(selector.SelectForEndpoint(0, null, first), Is.EqualTo(RequestSelection.NotChosen));
        Assert.That(selector.Select(null, null, null, out _, out _), Is.EqualTo(RequestSelection.Sampled), "the place given back is free again this second");
        Assert.That(selector.Select(null, null, null, out _, out _), Is.EqualTo(RequestSelection.OverCap), "and only that one");

        second = 101;
        Assert.That(selector.Select(null, null, null, out _, out _), Is.EqualTo(RequestSelection.Sampled), "a new second, a new count");
        Assert.That(selector.SelectForEndpoint(0, () => true, late), Is.EqualTo(RequestSelection.NotChosen));
        var next = Enumerable.Range(0, 2).Select(i => selector.Select(null, null, null, out _, out _)).ToList();
        Assert.That(next, Is.EqualTo(new[] { RequestSelection.Sampled, RequestSelection.OverCap }),
            "a place of a second that is over is not the next second's to give: it still lets the cap through, no more");
    }

    [Test]
    public void The_caps_window_never_moves_back_to_an_earlier_second()
    {
        long second = 101;
        var selector = Capped(cap: 1, () => second);
        Assert.That(selector.Select(null, null, null, out _, out _), Is.EqualTo(RequestSelection.Sampled));
        second = 100; // as a thread that read the clock before another moved the window on would see it
        Assert.That(selector.Select(null, null, null, out _, out _), Is.EqualTo(RequestSelection.OverCap), "second 101's place is taken; 100 is over");
    }

    [Test]
    [NonParallelizable]
    public void A_request_to_an_excluded_path_takes_no_place_under_the_cap()
    {
        var options = new LineProfilerOptions { WriteFiles = false, ProfileOutsideRequests = false, MaxProfiledPerSecond = 1 };
        options.ExcludePaths.Add("/health");
        LineProfiler.Shared.Configure(options);
        try
        {
            var health = Enumerable.Range(0, 3).Select(i => LineProfiler.Shared.BeginRequest("GET", "/health")).ToList();
            health.ForEach(h => h.End(200));
            var work = LineProfiler.Shared.BeginRequest("GET", "/work");
            work.End(200, "/work");
            Assert.That(work.IsProfiled, Is.True, "the second's one place is still free");
        }
        finally
        {
            LineProfiler.Shared.Configure(new LineProfilerOptions { WriteFiles = false, ProfileOutsideRequests = false });
        }
    }

    [Test]
    public void Cloned_options_keep_the_endpoints_rates_apart_from_the_original()
    {
        var options = new LineProfilerOptions();
        options.Endpoints["GET /a"] = new EndpointProfilingOptions { SampleRate = 0.1 };
        var clone = options.Clone();
        options.Endpoints["GET /a"].SampleRate = 0.9;
        Assert.That(clone.Endpoints["get /a"].SampleRate, Is.EqualTo(0.1));
    }

    [Test]
    public void Unprofiled_requests_count_in_their_endpoint_but_not_in_its_lines()
    {
        var store = new ResultsStore(new RetentionLimits(10, 0));
        var line = new LineSample(1, new LineCounter { Hits = 3, Ticks = 30, SelfTicks = 30 });
        store.Add(new RequestProfile("a", "GET", "/x", "/x", 200, DateTime.UtcNow, 100, [line]) { Triggered = true });
        store.AddUnprofiled("GET", "/x", 200, overCap: true);
        store.AddUnprofiled("GET", "/x", 300, overCap: false);
        store.CountRefusedTrigger();

        var snapshot = store.Snapshot();
        var endpoint = snapshot.Endpoints.Single();
        Assert.Multiple(() =>
        {
            Assert.That((endpoint.Count, endpoint.Profiled, endpoint.TotalTicks, endpoint.MaxTicks), Is.EqualTo((3L, 1L, 600L, 300L)));
            Assert.That(endpoint.Lines.Single().Hits, Is.EqualTo(3));
            Assert.That(snapshot.RequestCount, Is.EqualTo(1));
            Assert.That((snapshot.Selection.Triggered, snapshot.Selection.Unprofiled, snapshot.Selection.OverCap, snapshot.Selection.RefusedTriggers),
                Is.EqualTo((1L, 2L, 1L, 1L)));
        });

        store.Reset();
        Assert.That(store.Snapshot().Selection, Is.EqualTo(default(SelectionCounts)));
    }

    [Test]
    public void The_first_requests_of_an_endpoint_are_its_warm_up_and_stay_out_of_its_percentiles()
    {
        var store = new ResultsStore(new RetentionLimits(100, 0), new EndpointRules(2, keepWarmUpInPercentiles: false));
        var requests = new[] { 5_000L, 4_000, 10, 20, 30 }
            .Select((d, i) => new RequestProfile(i.ToString(), "GET", "/x", "/x", 200, DateTime.UtcNow, d, [])).ToList();
        foreach (var request in requests) store.Add(request);
        store.Add(new RequestProfile("other", "GET", "/y", "/y", 200, DateTime.UtcNow, 7, []));

        var endpoint = store.Snapshot().Endpoints.Single(e => e.Name == "GET /x");
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.WarmUp), Is.EqualTo(new[] { true, true, false, false, false }));
            Assert.That(endpoint.WarmUp, Is.EqualTo(2));
            Assert.That((endpoint.P50Ticks, endpoint.P95Ticks), Is.EqualTo((20L, 30L)), "the warm-up's 5,000 and 4,000 are left out");
            Assert.That((endpoint.Count, endpoint.MaxTicks, endpoint.TotalTicks), Is.EqualTo((5L, 5_000L, 9_060L)), "but not from count, max and total");
            Assert.That(store.Snapshot().Endpoints.Single(e => e.Name == "GET /y").P50Ticks, Is.EqualTo(7), "a warm-up alone still has percentiles");
        });
    }

    [Test]
    public void Percentiles_keep_the_warm_up_when_configured_to()
    {
        var store = new ResultsStore(new RetentionLimits(0, 0), new EndpointRules(2, keepWarmUpInPercentiles: true));
        foreach (var duration in new[] { 5_000L, 4_000, 10 }) store.Add(new RequestProfile("", "GET", "/x", "/x", 200, DateTime.UtcNow, duration, []));
        var endpoint = store.Snapshot().Endpoints.Single();
        Assert.That((endpoint.WarmUp, endpoint.P50Ticks), Is.EqualTo((2L, 4_000L)));
    }
}
