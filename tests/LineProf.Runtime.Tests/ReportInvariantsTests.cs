using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Runtime.Tests;

/// <summary>The checker every test runs over its reports: a sound report passes, each broken figure is named.</summary>
[TestFixture]
public sealed class ReportInvariantsTests
{
    private const string File = "/src/App/Orders.cs";
    private const string Get = "App.Orders.Get";
    private const string Load = "App.Orders.Load";

    /// <summary>Two requests of one endpoint, each calling Get once, which calls Load twice; all retained.</summary>
    private static ProfileReport Sound()
    {
        RequestReport Request(string id, long loadNs) => new()
        {
            Id = id, Method = "GET", Path = "/orders/" + id, Endpoint = "/orders/{id}", Status = 200,
            StartedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), DurationNs = loadNs + 2_000,
            Lines =
            {
                new RequestLine { File = File, Line = 10, Method = Get, Hits = 1, TimeNs = loadNs + 1_000, SelfNs = 1_000 },
                new RequestLine { File = File, Line = 20, Method = Load, Hits = 2, TimeNs = loadNs, SelfNs = loadNs },
            },
            Methods =
            {
                new MethodReport { File = File, Line = 9, Method = Get, Calls = 1, TimeNs = loadNs + 1_500, SelfNs = 1_000 },
                new MethodReport { File = File, Line = 19, Method = Load, Calls = 2, TimeNs = loadNs, SelfNs = loadNs },
            },
        };

        var requests = new[] { Request("a", 50_000), Request("b", 30_000) };
        var endpoint = new EndpointReport
        {
            Name = "GET /orders/{id}", Count = 2, Profiled = 2, TotalNs = 84_000, MeanNs = 42_000, P50Ns = 32_000, P95Ns = 52_000, MaxNs = 52_000,
            Lines =
            {
                new RequestLine { File = File, Line = 10, Method = Get, Hits = 2, TimeNs = 82_000, SelfNs = 2_000 },
                new RequestLine { File = File, Line = 20, Method = Load, Hits = 4, TimeNs = 80_000, SelfNs = 80_000 },
            },
            Methods =
            {
                new MethodReport { File = File, Line = 9, Method = Get, Calls = 2, TimeNs = 83_000, SelfNs = 2_000 },
                new MethodReport { File = File, Line = 19, Method = Load, Calls = 4, TimeNs = 80_000, SelfNs = 80_000 },
            },
        };
        return new ProfileReport
        {
            GeneratedUtc = new DateTime(2026, 1, 2, 3, 5, 0, DateTimeKind.Utc),
            RequestCount = 2,
            Selection = new SelectionReport { Rate = 1, Profiled = 2 },
            ProbeOverheadNs = 30,
            Requests = { requests[0], requests[1] },
            Endpoints = { endpoint },
            Lines =
            {
                new LineReport { File = File, Line = 10, Method = Get, Hits = 2, TimeNs = 82_000, SelfNs = 2_000, Source = "var order = Load(id) ?? Load(0);" },
                new LineReport { File = File, Line = 20, Method = Load, Hits = 4, TimeNs = 80_000, SelfNs = 80_000, Source = "return db.Find(id);" },
            },
            Methods =
            {
                new MethodReport { File = File, Line = 9, Method = Get, Calls = 2, TimeNs = 83_000, SelfNs = 2_000 },
                new MethodReport { File = File, Line = 19, Method = Load, Calls = 4, TimeNs = 80_000, SelfNs = 80_000 },
            },
        };
    }

    [Test]
    public void A_sound_report_passes_with_its_own_page()
    {
        var report = Sound();
        Assert.That(ReportInvariants.Violations(report, ReportHtml.Render(report)), Is.Empty);
    }

    [Test]
    public void A_recursive_methods_line_may_exceed_its_method_time_while_its_self_time_fits()
    {
        // Recursion: the line's time counts each nested call, the method's only the outermost one.
        var report = Sound();
        report.Requests[0].Methods[1].TimeNs = 25_000;
        report.Requests[0].Lines.Single(l => l.Line == 20).SelfNs = 20_000;
        Assert.That(ReportInvariants.Violations(report).Where(v => v.StartsWith("[% Time", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void A_report_with_requests_dropped_by_retention_passes_when_its_endpoint_has_at_least_their_figures()
    {
        var report = Sound();
        report.Requests.RemoveAt(1);
        Assert.That(ReportInvariants.Violations(report), Is.Empty);
    }

    [Test]
    public void A_report_with_unprofiled_requests_passes_when_they_count_in_their_endpoint_only()
    {
        // Three more requests the rate did not choose: in the endpoint's count, durations and percentiles, not its lines.
        var report = Sound();
        report.Selection = new SelectionReport { Rate = 0.5, Profiled = 2, Unprofiled = 3, OverCap = 1 };
        var endpoint = report.Endpoints[0];
        (endpoint.Count, endpoint.TotalNs, endpoint.MeanNs, endpoint.MaxNs, endpoint.WarmUp) = (5, 184_000, 36_800, 52_000, 1);
        report.Requests[0].WarmUp = true;
        Assert.That(ReportInvariants.Violations(report, ReportHtml.Render(report)), Is.Empty);
    }

    private static readonly (string Name, Action<ProfileReport> Break, string[] Expected)[] s_broken =
    [
        ("unprofiled not in an endpoint", r => r.Selection!.Unprofiled = 3,
            ["[endpoints add up] endpoint counts sum to 2, requestCount is 2 and 3 requests were not profiled"]),
        ("unprofiled counted, endpoint short of their durations", r =>
            {
                r.Selection!.Unprofiled = 1;
                r.Endpoints[0].Count = 3;
                r.Endpoints[0].TotalNs = 84_000;
                r.Requests.RemoveAt(1);
                r.Requests.Add(new RequestReport { Id = "c", Method = "GET", Path = "/orders/c", Endpoint = "/orders/{id}", Status = 200, DurationNs = 90_000 });
            },
            ["[endpoints add up] endpoint GET /orders/{id}: totalNs 84,000, its retained requests' durations sum to 142,000"]),
        ("profiled apart from the request count", r => r.Selection!.Profiled = 3, ["[selection adds up] profiled 3, requestCount 2"]),
        ("more triggered than profiled", r => r.Selection!.Triggered = 3, ["[selection adds up] triggered 3 > profiled 2"]),
        ("more over the cap than unprofiled", r => r.Selection!.OverCap = 1, ["[selection adds up] overCap 1 > unprofiled 0"]),
        ("rate above 1", r => r.Selection!.Rate = 1.5, ["[selection adds up] rate 1.5 is outside [0, 1]"]),
        ("negative refused triggers", r => r.Selection!.RefusedTriggers = -1, ["[no negative figure] selection: refusedTriggers -1"]),
        ("endpoint profiled above its count", r => r.Endpoints[0].Profiled = 3,
            ["[selection adds up] endpoint GET /orders/{id}: profiled 3 > count 2", "[selection adds up] endpoints' profiled counts sum to 3, selection.profiled is 2"]),
        ("endpoint profiled short of its retained requests", r =>
            {
                r.Endpoints[0].Profiled = 1;
                r.Endpoints[0].Count = 3;
                r.Selection!.Unprofiled = 1;
            },
            ["[selection adds up] endpoint GET /orders/{id}: profiled 1, its retained requests 2"]),
        ("negative warm-up", r => r.Endpoints[0].WarmUp = -1, ["[no negative figure] endpoint GET /orders/{id}: warmUp -1"]),
        ("warm-up above count", r => r.Endpoints[0].WarmUp = 3, ["[warm-up within count] endpoint GET /orders/{id}: warmUp 3 > count 2"]),
        ("warm-up requests beyond the endpoint's", r => r.Requests[0].WarmUp = true,
            ["[warm-up within count] endpoint GET /orders/{id}: 1 retained warm-up requests, warmUp 0"]),
        ("warm-up false", r => r.Requests[0].WarmUp = false, ["[warm-up is true or absent] request a GET /orders/a: warmUp false"]),
        ("negative time", r => r.OutsideRequests.Lines.Add(new LineReport { File = File, Line = 5, Method = "App.Program.Main", Hits = 1, TimeNs = -4, SelfNs = -4 }),
            ["[no negative figure] outside requests line /src/App/Orders.cs:5 (App.Program.Main): timeNs -4"]),
        ("negative duration", r => r.Requests[0].DurationNs = -1, ["[no negative figure] request a GET /orders/a: durationNs -1"]),
        ("line self above time", r => r.Lines[1].SelfNs = 90_000,
            ["[self ≤ time] totals line /src/App/Orders.cs:20 (App.Orders.Load): selfNs 90,000 > timeNs 80,000"]),
        ("method self above time", r => r.Methods[0].SelfNs = 90_000, ["[self ≤ time] totals method App.Orders.Get: selfNs 90,000 > timeNs 83,000"]),
        ("method longer than its request", r => r.Requests[0].Methods[0].TimeNs = 192_000,
            ["[method time ≤ request duration] request a GET /orders/a: method App.Orders.Get timeNs 192,000 > durationNs 52,000"]),
        ("% Time over 100", r => r.Requests[0].Methods[1].TimeNs = 25_000,
            ["[% Time ≤ 100] request a GET /orders/a line /src/App/Orders.cs:20 (App.Orders.Load): timeNs 50,000 over method time 25,000 = 200.0 % (its self time alone 200.0 %)"]),
        ("method at 0 ns beside timed lines", r => r.Requests[0].Methods[1].TimeNs = 0,
            ["[% Time ≤ 100] request a GET /orders/a line /src/App/Orders.cs:20 (App.Orders.Load): timeNs 50,000 over method time 0 = ∞ (shown as 0) %"]),
        ("hit lines without a call", r => r.Requests[1].Methods[1].Calls = 0,
            ["[calls ≥ 1 for hit lines] request b GET /orders/b method App.Orders.Load: its lines were hit, calls 0"]),
        ("unit of another kind without a name", r => { r.Requests[0].Kind = "queue"; r.Requests[0].Name = null; },
            ["[unit kind and name] request a GET /orders/a: a unit of kind 'queue' has no name"]),
        ("unit not summed under its kind and name", r => { r.Requests[0].Kind = "queue"; r.Requests[0].Name = "OrderPlaced"; },
            ["[unit kind and name] request a GET /orders/a: kind 'queue' and name 'OrderPlaced' are not its method 'GET', path '/orders/a' and endpoint '/orders/{id}'"]),
        ("request named other than its endpoint", r => r.Requests[1].Name = "/orders",
            ["[unit kind and name] request b GET /orders/b: name '/orders' is not its endpoint '/orders/{id}'"]),
        ("unit without a kind", r => r.Requests[1].Kind = "", ["[unit kind and name] request b GET /orders/b: no kind"]),
        ("unknown clock", r => r.Clock = "auto", ["[known clock] report: clock 'auto' is none LineProf reads"]),
        ("assembly listed twice", r => r.Assemblies = ["App", "App"], ["[assemblies named once] report: assembly App is listed more than once"]),
        ("blank assembly name", r => r.Assemblies = ["App", " "], ["[assemblies named once] report: assembly name ' ' is blank"]),
        ("trace id not W3C", r => (r.Requests[0].TraceId, r.Requests[0].SpanId) = ("4BF92F3577B34DA6A3CE929D0E0E4736", "00f067aa0ba902b7"),
            ["[W3C trace ids] request a GET /orders/a: traceId '4BF92F3577B34DA6A3CE929D0E0E4736' (32 lowercase hex digits) and spanId '00f067aa0ba902b7' (16)"]),
        ("span id without its trace id", r => r.Requests[0].SpanId = "00f067aa0ba902b7",
            ["[W3C trace ids] request a GET /orders/a: traceId '' (32 lowercase hex digits) and spanId '00f067aa0ba902b7' (16)"]),
        ("counted line with time", r => r.Lines[1].Counted = true,
            ["[counted members have no time] totals line /src/App/Orders.cs:20 (App.Orders.Load): counted, yet timeNs 80,000 and selfNs 80,000"]),
        ("counted method with time and a timed line", r => r.Requests[0].Methods[1].Counted = true,
            ["[counted members have no time] request a GET /orders/a method App.Orders.Load: counted, yet timeNs 50,000 and selfNs 50,000",
             "[counted members have no time] request a GET /orders/a method App.Orders.Load is counted, its line /src/App/Orders.cs:20 (App.Orders.Load) is timed"]),
        ("endpoint count short", r => r.Endpoints[0].Count = 1, ["[endpoints add up] endpoint counts sum to 1, requestCount is 2"]),
        ("endpoint total short", r => r.Endpoints[0].TotalNs = 80_000,
            ["[endpoints add up] endpoint GET /orders/{id}: totalNs 80,000, its retained requests' durations sum to 84,000"]),
        ("endpoint line hits short", r => r.Endpoints[0].Lines[1].Hits = 3,
            ["[requests add up to their endpoint] lines: /src/App/Orders.cs:20 (App.Orders.Load) retained requests sum to count 4, time 80,000 ns, self 80,000 ns, endpoint GET /orders/{id} has count 3, time 80,000 ns, self 80,000 ns"]),
        ("total hits below the requests'", r =>
            {
                r.Requests.RemoveAt(1);
                r.RequestCount = 5;
                r.Endpoints[0].Count = 5;
                r.Lines[1].Hits = 1;
            },
            ["[requests add up to the totals] lines: /src/App/Orders.cs:20 (App.Orders.Load) retained requests sum to count 2, time 50,000 ns, self 50,000 ns, totals has count 1, time 80,000 ns, self 80,000 ns"]),
    ];

    private static IEnumerable<TestCaseData> Broken() => s_broken.Select(b => new TestCaseData(b.Break, b.Expected).SetArgDisplayNames(b.Name));

    [TestCaseSource(nameof(Broken))]
    public void Each_broken_invariant_is_named_with_its_figures(Action<ProfileReport> breakIt, string[] expected)
    {
        var report = Sound();
        breakIt(report);
        var violations = ReportInvariants.Violations(report, ReportHtml.Render(report));
        Assert.That(violations, Is.SupersetOf(expected), string.Join("\n", violations));
    }

    /// <summary>Get's line 10 calls a one-line getter, Key, that is counted, not timed: hits and calls, no time.</summary>
    private static ProfileReport WithCountedMember()
    {
        const string Key = "App.Orders.Key";
        var report = Sound();
        void Add(List<RequestLine> lines, List<MethodReport> methods, long hits)
        {
            lines.Add(new RequestLine { File = File, Line = 30, Method = Key, Hits = hits, Counted = true });
            methods.Add(new MethodReport { File = File, Line = 30, Method = Key, Calls = hits, Counted = true });
        }

        foreach (var request in report.Requests) Add(request.Lines, request.Methods, 1);
        Add(report.Endpoints[0].Lines, report.Endpoints[0].Methods, 2);
        report.Lines.Add(new LineReport { File = File, Line = 30, Method = Key, Hits = 2, Counted = true, Source = "public string Key => _key;" });
        report.Methods.Add(new MethodReport { File = File, Line = 30, Method = Key, Calls = 2, Counted = true });
        return report;
    }

    [Test]
    public void A_report_with_a_counted_small_member_passes_with_its_own_page()
    {
        var report = WithCountedMember();
        var page = ReportHtml.Render(report);
        Assert.Multiple(() =>
        {
            Assert.That(ReportInvariants.Violations(report, page), Is.Empty);
            Assert.That(PageFigures.FromHtml(page).Counted, Is.EqualTo(new[] { new LineKey(File, 30, "App.Orders.Key") }), "the page marks it");
        });
    }

    [Test]
    public void A_page_that_marks_other_lines_counted_than_the_json_is_caught()
    {
        var report = WithCountedMember();
        var page = ReportHtml.Render(report);
        report.Lines[2].Counted = false;
        foreach (var request in report.Requests) request.Lines[2].Counted = false;
        report.Endpoints[0].Lines[2].Counted = false;
        Assert.That(ReportInvariants.Violations(report, page),
            Does.Contain("[page shows the JSON's figures] line /src/App/Orders.cs:30 (App.Orders.Key) is counted on the page, timed in lineprof.json"));
    }

    [Test]
    public void A_page_whose_data_differs_from_the_json_is_caught()
    {
        var report = Sound();
        var page = ReportHtml.Render(report);
        report.Lines[1].Hits = 5;
        report.Endpoints[0].Lines[1].Hits = 5;
        report.Requests[0].Lines[1].Hits = 3;
        report.Lines[0].Source = "changed();";

        var violations = ReportInvariants.Violations(report, page);

        Assert.That(violations, Is.SupersetOf(new[]
        {
            "[page shows the JSON's figures] totals line /src/App/Orders.cs:20 (App.Orders.Load): lineprof.json count 5, time 80,000 ns, self 80,000 ns, page count 4, time 80,000 ns, self 80,000 ns",
            "[page shows the JSON's figures] line /src/App/Orders.cs:10 (App.Orders.Get): source \"changed();\" in lineprof.json, \"var order = Load(id) ?? Load(0);\" in the page",
        }), string.Join("\n", violations));
    }

    /// <summary>The sound report's requests as two calls of a gRPC server-streaming method: one request message each, 5 and 3 sent.</summary>
    private static ProfileReport GrpcCalls()
    {
        var report = Sound();
        const string Route = "/greet.Greeter/StreamGreetings";
        foreach (var (request, sent) in report.Requests.Zip(new long[] { 5, 3 }))
            (request.Method, request.Endpoint, request.MessagesIn, request.MessagesOut) = ("POST", Route, 1, sent);
        (report.Endpoints[0].Name, report.Endpoints[0].MessagesIn, report.Endpoints[0].MessagesOut) = ("POST " + Route, 2, 8);
        return report;
    }

    [Test]
    public void A_report_of_grpc_calls_passes_with_its_own_page()
    {
        var report = GrpcCalls();
        Assert.That(ReportInvariants.Violations(report, ReportHtml.Render(report)), Is.Empty);
    }

    [Test]
    public void A_report_of_grpc_calls_some_dropped_passes_when_its_endpoint_has_at_least_their_messages()
    {
        var report = GrpcCalls();
        report.Requests.RemoveAt(0);
        Assert.That(ReportInvariants.Violations(report), Is.Empty);
    }

    private static readonly (string Name, Action<ProfileReport> Break, string[] Expected)[] s_brokenMessages =
    [
        ("messages out without messages in", r => r.Requests[0].MessagesIn = null,
            ["[message counts] request a POST /orders/a: messagesIn '' and messagesOut '5' come together"]),
        ("negative messages in", r => (r.Requests[1].MessagesIn, r.Endpoints[0].MessagesIn) = (-1, 0),
            ["[no negative figure] request b POST /orders/b: messagesIn -1"]),
        ("negative messages out of an endpoint", r => r.Endpoints[0].MessagesOut = -8,
            ["[no negative figure] endpoint POST /greet.Greeter/StreamGreetings: messagesOut -8"]),
        ("messages on a request that is no gRPC call", r => (r.Requests[0].Method, r.Requests[1].Method, r.Endpoints[0].Name) = ("GET", "GET", "GET /greet.Greeter/StreamGreetings"),
            ["[message counts] request a GET /orders/a: has message counts but is no gRPC call (POST /package.Service/Method)",
             "[message counts] endpoint GET /greet.Greeter/StreamGreetings: has message counts but is no gRPC call (POST /package.Service/Method)"]),
        ("endpoint messages apart from its requests'", r => r.Endpoints[0].MessagesOut = 7,
            ["[requests' messages add up to their endpoint] endpoint POST /greet.Greeter/StreamGreetings: messages 2/7, its retained requests' 2/8 (every request retained)"]),
        ("endpoint without the messages of its requests", r => (r.Endpoints[0].MessagesIn, r.Endpoints[0].MessagesOut) = (null, null),
            ["[requests' messages add up to their endpoint] endpoint POST /greet.Greeter/StreamGreetings: messages /, its retained requests' 2/8 (every request retained)"]),
    ];

    private static IEnumerable<TestCaseData> BrokenMessages() => s_brokenMessages.Select(b => new TestCaseData(b.Break, b.Expected).SetArgDisplayNames(b.Name));

    [TestCaseSource(nameof(BrokenMessages))]
    public void Each_broken_message_invariant_is_named_with_its_figures(Action<ProfileReport> breakIt, string[] expected)
    {
        var report = GrpcCalls();
        breakIt(report);
        var violations = ReportInvariants.Violations(report, ReportHtml.Render(report));
        Assert.That(violations, Is.SupersetOf(expected), string.Join("\n", violations));
    }

    [Test]
    public void A_page_that_shows_other_message_counts_than_the_json_is_caught()
    {
        var report = GrpcCalls();
        var page = ReportHtml.Render(report);
        report.Requests[0].MessagesOut = 6;
        report.Endpoints[0].MessagesOut = 9;

        Assert.That(ReportInvariants.Violations(report, page), Is.SupersetOf(new[]
        {
            "[page shows the JSON's figures] request 0: messages 1/6 in lineprof.json, 1/5 in the page",
            "[page shows the JSON's figures] endpoint 0: messages 2/9 in lineprof.json, 2/8 in the page",
        }));
    }

    [Test]
    public void A_page_whose_selection_or_warm_up_differs_from_the_json_is_caught()
    {
        var report = Sound();
        var page = ReportHtml.Render(report);
        report.Selection!.Triggered = 1;
        report.Endpoints[0].WarmUp = 1;
        report.Requests[0].WarmUp = true;

        var violations = ReportInvariants.Violations(report, page);

        Assert.That(violations, Is.SupersetOf(new[]
        {
            "[page shows the JSON's figures] selection: lineprof.json PageSelection { Rate = 1, Profiled = 2, Triggered = 1, Unprofiled = 0, OverCap = 0, RefusedTriggers = 0 }, " +
                "page PageSelection { Rate = 1, Profiled = 2, Triggered = 0, Unprofiled = 0, OverCap = 0, RefusedTriggers = 0 }",
            "[page shows the JSON's figures] endpoint 0: lineprof.json GET /orders/{id} [2, 84000, 42000, 32000, 52000, 52000, 2, 1], page GET /orders/{id} [2, 84000, 42000, 32000, 52000, 52000, 2, 0]",
            "[page shows the JSON's figures] request 0: lineprof.json a status 200 durationNs 52000 warmUp True, page a [200, 52000, 0]",
        }), string.Join("\n", violations));
    }

    /// <summary>The sound report with one unit of another kind beside its requests, summed under its own endpoint.</summary>
    private static ProfileReport WithAUnitOfWork()
    {
        var report = Sound();
        var unit = new RequestReport
        {
            Kind = "queue", Name = "OrderPlaced", Id = "q", Method = "queue", Path = "OrderPlaced", Endpoint = "OrderPlaced", Status = 200,
            StartedUtc = new DateTime(2026, 1, 2, 3, 4, 6, DateTimeKind.Utc), DurationNs = 5_000,
            Lines = { new RequestLine { File = File, Line = 20, Method = Load, Hits = 1, TimeNs = 4_000, SelfNs = 4_000 } },
            Methods = { new MethodReport { File = File, Line = 19, Method = Load, Calls = 1, TimeNs = 4_000, SelfNs = 4_000 } },
        };
        report.Requests.Add(unit);
        report.RequestCount = 3;
        report.Selection!.Profiled = 3;
        report.Endpoints.Add(new EndpointReport
        {
            Name = "queue OrderPlaced", Count = 1, Profiled = 1, TotalNs = 5_000, MeanNs = 5_000, P50Ns = 5_000, P95Ns = 5_000, MaxNs = 5_000,
            Lines = { new RequestLine { File = File, Line = 20, Method = Load, Hits = 1, TimeNs = 4_000, SelfNs = 4_000 } },
            Methods = { new MethodReport { File = File, Line = 19, Method = Load, Calls = 1, TimeNs = 4_000, SelfNs = 4_000 } },
        });
        report.Lines[1].Hits = 5;
        report.Lines[1].TimeNs = report.Lines[1].SelfNs = 84_000;
        report.Methods[1].Calls = 5;
        report.Methods[1].TimeNs = report.Methods[1].SelfNs = 84_000;
        return report;
    }

    [Test]
    public void A_report_with_a_unit_of_another_kind_passes_with_its_own_page()
    {
        var report = WithAUnitOfWork();
        Assert.That(ReportInvariants.Violations(report, ReportHtml.Render(report)), Is.Empty);
    }

    [Test]
    public void A_page_that_shows_another_kind_than_the_json_is_caught()
    {
        var report = WithAUnitOfWork();
        var page = ReportHtml.Render(report);
        report.Requests[2].Kind = "job";
        report.Requests[2].Method = "job";

        Assert.That(ReportInvariants.Violations(report, page),
            Does.Contain("[page shows the JSON's figures] request 2: kind 'job' in lineprof.json, 'queue' in the page"));
    }

    [Test]
    public void One_requests_own_figures_are_checked_alone()
    {
        var request = Sound().Requests[0];
        request.Methods[1].TimeNs = 0;

        Assert.That(ReportInvariants.Violations(request), Is.EquivalentTo(new[]
        {
            "[self ≤ time] request a GET /orders/a method App.Orders.Load: selfNs 50,000 > timeNs 0",
            "[% Time ≤ 100] request a GET /orders/a line /src/App/Orders.cs:20 (App.Orders.Load): timeNs 50,000 over method time 0 = ∞ (shown as 0) %",
        }));
    }

    [Test]
    public void Check_fails_the_test_with_every_violation()
    {
        var report = Sound();
        report.Requests[0].Methods[0].TimeNs = 192_000;
        report.Requests[1].Methods[1].Calls = 0;

        var failure = Assert.Throws<AssertionException>(() => ReportInvariants.Check(report))!;

        Assert.That(failure.Message, Does.Contain("breaks 4 invariant(s)").And.Contain("method time ≤ request duration").And.Contain("calls ≥ 1"));
    }
}
