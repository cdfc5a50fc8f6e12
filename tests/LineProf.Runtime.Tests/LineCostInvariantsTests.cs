using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Runtime.Tests;

/// <summary>
/// The checker's invariants of line costs (allocations, database commands, HTTP calls): a sound report with them
/// passes, with its own page, and each broken figure is named.
/// </summary>
[TestFixture]
public sealed class LineCostInvariantsTests
{
    private const string File = "/src/App/Orders.cs";
    private const string Get = "App.Orders.Get";
    private const string Load = "App.Orders.Load";
    private const string Query = "SELECT \"o\".\"Id\" FROM \"OrderLines\" AS \"o\" WHERE \"o\".\"OrderId\" = @__id_0";

    /// <summary>
    /// Two requests of one endpoint: Get's line issues 20 commands of one text (an N+1) and one call, Load's line
    /// allocates; each request issues one more command from no profiled line. All retained.
    /// </summary>
    private static ProfileReport Sound()
    {
        static List<LineCommand> Commands(long requests) =>
        [
            new LineCommand { Kind = "db", Text = Query, Count = 20 * requests, TimeNs = 20_000 * requests, MaxPerRequest = 20, NPlusOne = true },
            new LineCommand { Kind = "http", HttpMethod = "GET", Host = "127.0.0.1:5000", Path = "/items/{id}", Count = requests, TimeNs = 5_000 * requests, MaxPerRequest = 1 },
        ];

        static RequestLine GetLine(long requests) => new()
        {
            File = File, Line = 10, Method = Get, Hits = requests, TimeNs = 50_000 * requests, SelfNs = 10_000 * requests,
            AllocBytes = 1_000 * requests, SelfAllocBytes = 400 * requests, DbCommands = 20 * requests, DbNs = 20_000 * requests,
            HttpCalls = requests, HttpNs = 5_000 * requests, NPlusOne = true, Commands = Commands(requests),
        };

        static RequestLine LoadLine(long requests) => new()
        {
            File = File, Line = 20, Method = Load, Hits = 20 * requests, TimeNs = 40_000 * requests, SelfNs = 40_000 * requests,
            AllocBytes = 600 * requests, SelfAllocBytes = 600 * requests,
        };

        static List<MethodReport> Methods(long requests) =>
        [
            new MethodReport { File = File, Line = 9, Method = Get, Calls = requests, TimeNs = 50_000 * requests, SelfNs = 10_000 * requests, AllocBytes = 1_000 * requests },
            new MethodReport { File = File, Line = 19, Method = Load, Calls = 20 * requests, TimeNs = 40_000 * requests, SelfNs = 40_000 * requests, AllocBytes = 600 * requests },
        ];

        RequestReport Request(string id) => new()
        {
            Id = id, Method = "GET", Path = "/orders", Endpoint = "/orders", Status = 200,
            StartedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), DurationNs = 60_000,
            DbCommands = 21, DbNs = 21_000, HttpCalls = 1, HttpNs = 5_000,
            Lines = { GetLine(1), LoadLine(1) }, Methods = Methods(1),
        };

        var totals = new[] { GetLine(2), LoadLine(2) };
        return new ProfileReport
        {
            GeneratedUtc = new DateTime(2026, 1, 2, 3, 5, 0, DateTimeKind.Utc),
            RequestCount = 2,
            LineCosts = new LineCostsReport { Allocations = true, MethodAllocations = true, DatabaseCommands = true, HttpCalls = true, NPlusOneThreshold = 5 },
            Requests = { Request("a"), Request("b") },
            Endpoints =
            {
                new EndpointReport
                {
                    Name = "GET /orders", Count = 2, TotalNs = 120_000, MeanNs = 60_000, P50Ns = 60_000, P95Ns = 60_000, MaxNs = 60_000,
                    DbCommands = 42, DbNs = 42_000, HttpCalls = 2, HttpNs = 10_000,
                    Lines = { GetLine(2), LoadLine(2) }, Methods = Methods(2),
                },
            },
            Lines = totals.Select(l => new LineReport
            {
                File = l.File, Line = l.Line, Method = l.Method, Hits = l.Hits, TimeNs = l.TimeNs, SelfNs = l.SelfNs, Source = "line " + l.Line,
                AllocBytes = l.AllocBytes, SelfAllocBytes = l.SelfAllocBytes, DbCommands = l.DbCommands, DbNs = l.DbNs,
                HttpCalls = l.HttpCalls, HttpNs = l.HttpNs, NPlusOne = l.NPlusOne, Commands = l.Commands,
            }).ToList(),
            Methods = Methods(2),
        };
    }

    [Test]
    public void A_sound_report_with_line_costs_passes_with_its_own_page()
    {
        var report = Sound();
        Assert.That(ReportInvariants.Violations(report, ReportHtml.Render(report)), Is.Empty);
    }

    [Test]
    public void Its_json_reads_back_as_the_same_line_costs()
    {
        var report = ReportFile.Parse(ReportJson.Serialize(Sound()));
        var line = report.Requests[0].Lines[0];
        Assert.That((line.AllocBytes, line.DbCommands, line.NPlusOne, line.Commands![1].Path), Is.EqualTo((1_000L, 20L, true, "/items/{id}")));
        Assert.That((report.LineCosts!.MethodAllocations, report.Requests[0].Methods[1].AllocBytes), Is.EqualTo((true, 600L)));
    }

    private static RequestLine RequestGetLine(ProfileReport r) => r.Requests[0].Lines[0];

    private static readonly (string Name, Action<ProfileReport> Break, string Expected)[] s_broken =
    [
        ("negative allocation", r => r.Lines[1].AllocBytes = -1, "[no negative figure] totals line /src/App/Orders.cs:20 (App.Orders.Load): allocBytes -1"),
        ("negative request commands", r => r.Requests[1].HttpNs = -1, "[no negative figure] request b GET /orders: httpNs -1"),
        ("self allocation above allocation", r => RequestGetLine(r).SelfAllocBytes = 1_500,
            "[self alloc ≤ alloc] request a GET /orders line /src/App/Orders.cs:10 (App.Orders.Get): selfAllocBytes 1,500 > allocBytes 1,000"),
        ("line count not its commands'", r => RequestGetLine(r).DbCommands = 19,
            "[commands add up to their line] request a GET /orders line /src/App/Orders.cs:10 (App.Orders.Get): dbCommands 19 dbNs 20,000, its commands sum to 20 and 20,000"),
        ("line calls not its calls'", r => r.Endpoints[0].Lines[0].HttpNs = 1,
            "[commands add up to their line] endpoint GET /orders line /src/App/Orders.cs:10 (App.Orders.Get): httpCalls 2 httpNs 1, its calls sum to 2 and 10,000"),
        ("line flag not its commands'", r => r.Lines[0].NPlusOne = false,
            "[N+1 is its commands'] totals line /src/App/Orders.cs:10 (App.Orders.Get): nPlusOne False, its commands' True"),
        ("flag against the threshold", r => r.LineCosts!.NPlusOneThreshold = 20,
            $"[N+1 is the threshold's verdict] totals line /src/App/Orders.cs:10 (App.Orders.Get) command \"{Query}\": nPlusOne True with maxPerRequest 20, threshold 20"),
        ("most per request above the count", r => r.Lines[0].Commands![1].MaxPerRequest = 3,
            "[most per request within count] totals line /src/App/Orders.cs:10 (App.Orders.Get) call GET 127.0.0.1:5000/items/{id}: maxPerRequest 3, count 2"),
        ("a request's most not its count", r => RequestGetLine(r).Commands![0].MaxPerRequest = 19,
            $"[one request's most is its count] request a GET /orders line /src/App/Orders.cs:10 (App.Orders.Get) command \"{Query}\": maxPerRequest 19, count 20"),
        ("unknown kind", r => r.Lines[0].Commands![1].Kind = "ftp",
            "[known command kind] totals line /src/App/Orders.cs:10 (App.Orders.Get) command \"\": kind 'ftp'"),
        ("lines issue more than their request", r => r.Requests[0].DbCommands = 10,
            "[lines' commands within their scope] request a GET /orders: lines sum to 20 commands, 20,000 ns; it has 10, 21,000 ns"),
        ("requests' commands above their endpoint's", r => r.Endpoints[0].DbCommands = 41,
            "[requests' commands add up to their endpoint]: retained requests sum to 42 commands and 2 calls, endpoint GET /orders has 41 and 2"),
        ("requests' allocations not their endpoint's", r => r.Endpoints[0].Lines[1].AllocBytes = 1_300,
            "[requests' line costs add up to their endpoint]: /src/App/Orders.cs:20 (App.Orders.Load) retained requests sum to alloc 1,200 B (self 1,200), 0 commands, 0 calls; endpoint GET /orders has 1,300 B (self 1,200), 0, 0"),
        ("endpoints' allocations not the totals'", r => r.Lines[1].AllocBytes = 1_300,
            "[endpoints' line costs add up to the totals]: /src/App/Orders.cs:20 (App.Orders.Load) all endpoints sum to alloc 1,200 B (self 1,200), 0 commands, 0 calls; totals has 1,300 B (self 1,200), 0, 0"),
        ("negative method allocation", r => r.Methods[1].AllocBytes = -1, "[no negative figure] totals method App.Orders.Load: allocBytes -1"),
        ("method allocation above its lines'", r => r.Requests[0].Methods[0].AllocBytes = 1_200,
            "[method alloc ≤ its lines' alloc] request a GET /orders method App.Orders.Get: allocBytes 1,200 > its lines' 1,000"),
        ("requests' method allocations not their endpoint's", r => r.Endpoints[0].Methods[0].AllocBytes = 1_900,
            "[requests' method allocations add up to their endpoint]: method App.Orders.Get retained requests sum to allocBytes 2,000, endpoint GET /orders has 1,900"),
        ("endpoints' method allocations not the totals'", r => r.Methods[1].AllocBytes = 1_100,
            "[endpoints' method allocations add up to the totals]: method App.Orders.Load all endpoints sum to allocBytes 1,200, totals has 1,100"),
        ("method allocations where none were counted", r => r.LineCosts!.MethodAllocations = false,
            "[method alloc only where counted] totals method App.Orders.Get: allocBytes 2,000, but lineCosts.methodAllocations is not true"),
    ];

    private static IEnumerable<TestCaseData> Broken() => s_broken.Select(b => new TestCaseData(b.Break, b.Expected).SetArgDisplayNames(b.Name));

    [TestCaseSource(nameof(Broken))]
    public void Each_broken_line_cost_invariant_is_named_with_its_figures(Action<ProfileReport> breakIt, string expected)
    {
        var report = Sound();
        breakIt(report);
        var violations = ReportInvariants.Violations(report, ReportHtml.Render(report));
        Assert.That(violations, Does.Contain(expected), string.Join("\n", violations));
    }

    [Test]
    public void A_page_whose_line_costs_differ_from_the_json_is_caught()
    {
        var report = Sound();
        var page = ReportHtml.Render(report);
        report.Requests[1].Lines[1].SelfAllocBytes = 500;

        Assert.That(ReportInvariants.Violations(report, page), Does.Contain(
            "[page shows the JSON's line costs] request b GET /orders line /src/App/Orders.cs:20 (App.Orders.Load): lineprof.json alloc 600 (self 500), 0 commands in 0 ns, 0 calls in 0 ns [], " +
            "page alloc 600 (self 600), 0 commands in 0 ns, 0 calls in 0 ns []"));
    }

    [Test]
    public void One_requests_line_costs_are_checked_alone()
    {
        var request = Sound().Requests[0];
        request.Lines[0].SelfAllocBytes = 1_500;
        Assert.That(ReportInvariants.Violations(request), Does.Contain(
            "[self alloc ≤ alloc] request a GET /orders line /src/App/Orders.cs:10 (App.Orders.Get): selfAllocBytes 1,500 > allocBytes 1,000"));
    }
}
