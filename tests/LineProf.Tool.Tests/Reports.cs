using LineProf.Reporting;

namespace LineProf.Tool.Tests;

/// <summary>Reports built with the runtime's own model, so the files the tests feed the tool are what the runtime writes.</summary>
public static class Reports
{
    public const string OrdersFile = "/src/App/Controllers/OrdersController.cs";
    public const string ExporterFile = "/src/App/Services/CsvExporter.cs";
    public const string GetOrder = "App.Controllers.OrdersController.Get";
    public const string ToCsv = "App.Services.CsvExporter.ToCsv";

    public static LineReport Line(string file, int line, string method, long hits, long timeNs, long selfNs, string source) =>
        new() { File = file, Line = line, Method = method, Hits = hits, TimeNs = timeNs, SelfNs = selfNs, TimeErrorNs = hits * 5, Source = source };

    public static MethodReport Method(string file, int line, string method, long calls, long timeNs, long selfNs) =>
        new() { File = file, Line = line, Method = method, Calls = calls, TimeNs = timeNs, SelfNs = selfNs };

    public static RequestLine RequestLine(LineReport line, long hits, long timeNs) =>
        new() { File = line.File, Line = line.Line, Method = line.Method, Hits = hits, TimeNs = timeNs, SelfNs = timeNs, TimeErrorNs = hits * 5 };

    /// <summary>
    /// A small app's report: an order endpoint whose lookup line is hot, and a CSV export whose string concatenation
    /// is hotter. <paramref name="slowLookupNs"/> is the lookup line's time, so a test can make an "after" slower.
    /// </summary>
    public static ProfileReport App(string requestPrefix = "r", long slowLookupNs = 40_000_000, int requests = 10)
    {
        var lookup = Line(OrdersFile, 42, GetOrder, requests, slowLookupNs, slowLookupNs, "var order = await db.Orders.FindAsync(id);");
        var ret = Line(OrdersFile, 43, GetOrder, requests, 20_000, 20_000, "return Ok(order);");
        var header = Line(ExporterFile, 12, ToCsv, 3, 9_000, 9_000, "var csv = \"id,name\\n\";");
        var loop = Line(ExporterFile, 15, ToCsv, 12_003, 1_760_000_000, 1_760_000_000, "csv += string.Create(CultureInfo.InvariantCulture, $\"{p.Id},{p.Name}\\n\");");
        var report = new ProfileReport
        {
            Mode = ProfilingModes.Exact,
            GeneratedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567),
            RequestCount = requests + 3,
            ProbeOverheadNs = 33,
            Lines = { lookup, ret, header, loop },
            Methods =
            {
                Method(OrdersFile, 40, GetOrder, requests, slowLookupNs + 30_000, slowLookupNs + 20_000),
                Method(ExporterFile, 10, ToCsv, 3, 1_760_020_000, 1_760_009_000),
            },
            Endpoints =
            {
                new EndpointReport
                {
                    Name = "GET /orders/{id}", Count = requests, TotalNs = requests * 5_000_000L, MeanNs = 5_000_000, P50Ns = 4_000_000,
                    P95Ns = 9_000_000, MaxNs = 12_000_000, Lines = { RequestLine(lookup, requests, slowLookupNs) },
                    Methods = { Method(OrdersFile, 40, GetOrder, requests, slowLookupNs, slowLookupNs) },
                },
            },
            OutsideRequests = { Lines = { Line("/src/App/Program.cs", 7, "App.Program.Main", 1, 300_000, 300_000, "builder.Build().Run();") } },
        };

        for (int i = 0; i < 3; i++)
        {
            report.Requests.Add(new RequestReport
            {
                Id = requestPrefix + i, Method = "GET", Path = "/orders/" + i, Endpoint = "/orders/{id}", Status = 200,
                StartedUtc = new DateTime(2026, 1, 2, 3, 0, i, DateTimeKind.Utc), DurationNs = 4_000_000 + i,
                Lines = { RequestLine(lookup, 1, slowLookupNs / requests) },
            });
        }

        return report;
    }

    /// <summary>
    /// A report as the runtime makes one, every figure consistent: <paramref name="requests"/> order lookups, all
    /// retained, summed into their endpoint and the totals, so it holds every report invariant.
    /// </summary>
    public static ProfileReport Whole(string requestPrefix, int requests)
    {
        var sources = new Dictionary<int, string> { [42] = "var order = await db.Orders.FindAsync(id);", [43] = "return Ok(order);" };
        var report = new ProfileReport
        {
            Mode = ProfilingModes.Exact,
            GeneratedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            RequestCount = requests,
            ProbeOverheadNs = 33,
        };
        for (int i = 0; i < requests; i++)
        {
            long lookupNs = 3_000_000 + i * 1_000;
            report.Requests.Add(new RequestReport
            {
                Id = requestPrefix + i, Method = "GET", Path = "/orders/" + i, Endpoint = "/orders/{id}", Status = 200,
                StartedUtc = new DateTime(2026, 1, 2, 3, 0, i, DateTimeKind.Utc), DurationNs = lookupNs + 50_000,
                Lines =
                {
                    new RequestLine { File = OrdersFile, Line = 42, Method = GetOrder, Hits = 1, TimeNs = lookupNs, SelfNs = lookupNs, TimeErrorNs = 5 },
                    new RequestLine { File = OrdersFile, Line = 43, Method = GetOrder, Hits = 1, TimeNs = 20_000, SelfNs = 20_000, TimeErrorNs = 5 },
                },
                Methods = { Method(OrdersFile, 40, GetOrder, 1, lookupNs + 30_000, lookupNs + 20_000) },
            });
        }

        report.Requests.Sort((a, b) => b.DurationNs.CompareTo(a.DurationNs));
        var lines = report.Requests.SelectMany(r => r.Lines).GroupBy(l => l.Line).Select(g => new RequestLine
        {
            File = OrdersFile, Line = g.Key, Method = GetOrder, Hits = g.Sum(l => l.Hits), TimeNs = g.Sum(l => l.TimeNs),
            SelfNs = g.Sum(l => l.SelfNs), TimeErrorNs = g.Sum(l => l.TimeErrorNs),
        }).ToList();
        var methods = report.Requests.SelectMany(r => r.Methods).ToList();
        var method = Method(OrdersFile, 40, GetOrder, methods.Sum(m => m.Calls), methods.Sum(m => m.TimeNs), methods.Sum(m => m.SelfNs));
        var durations = report.Requests.Select(r => r.DurationNs).Order().ToList();
        report.Endpoints.Add(new EndpointReport
        {
            Name = "GET /orders/{id}", Count = requests, TotalNs = durations.Sum(), MeanNs = durations.Sum() / requests,
            P50Ns = durations[(requests - 1) / 2], P95Ns = durations[(int)Math.Ceiling(0.95 * requests) - 1], MaxNs = durations[^1],
            Lines = lines, Methods = { Method(OrdersFile, 40, GetOrder, method.Calls, method.TimeNs, method.SelfNs) },
        });
        report.Lines.AddRange(lines.Select(l => Line(l.File, l.Line, l.Method, l.Hits, l.TimeNs, l.SelfNs, sources[l.Line])));
        report.Methods.Add(method);
        return report;
    }
}
