using LineProf.Reporting;

namespace LineProf.Browser.Tests;

/// <summary>
/// A large report made up in memory, shaped like a real app's: files of services with methods of ten lines,
/// endpoints that each run a few methods, and requests of those endpoints with figures that vary per request.
/// Deterministic, so sizes and timings are comparable from run to run.
/// </summary>
public static class SyntheticReport
{
    private const int LinesPerMethod = 10;
    private const int MethodsPerFile = 5;

    /// <summary>
    /// <paramref name="requests"/> kept requests over <paramref name="lines"/> distinct lines; every request runs
    /// <paramref name="linesPerRequest"/> of them.
    /// </summary>
    public static ProfileReport Create(int requests, int lines, int linesPerRequest, int endpoints = 100)
    {
        var random = new Random(7);
        int methodCount = lines / LinesPerMethod;
        var table = new List<LineReport>(lines);
        for (int m = 0; m < methodCount; m++)
        {
            string file = $"/src/Shop/Area{m / MethodsPerFile / 10}/Service{m / MethodsPerFile}.cs";
            string method = $"Shop.Area{m / MethodsPerFile / 10}.Service{m / MethodsPerFile}.Operation{m % MethodsPerFile}";
            int firstLine = 20 + (m % MethodsPerFile) * 30;
            for (int l = 0; l < LinesPerMethod; l++)
                table.Add(new LineReport { File = file, Line = firstLine + l * 2, Method = method, Source = SourceLine(random, l) });
        }

        int methodsPerEndpoint = Math.Max(1, linesPerRequest / LinesPerMethod);
        var endpointMethods = Enumerable.Range(0, endpoints)
            .Select(_ => Enumerable.Range(0, methodsPerEndpoint).Select(_ => random.Next(methodCount)).Distinct().ToArray())
            .ToArray();

        var report = new ProfileReport { Mode = "exact", GeneratedUtc = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), RequestCount = requests * 3L };
        var start = report.GeneratedUtc.AddHours(-1);
        var endpointReports = new EndpointReport[endpoints];
        for (int e = 0; e < endpoints; e++)
            endpointReports[e] = new EndpointReport { Name = $"GET /api/area{e % 10}/resource{e}/{{id:int}}" };

        for (int r = 0; r < requests; r++)
        {
            int e = (int)(Math.Pow(random.NextDouble(), 2) * endpoints); // a few endpoints get most requests
            var request = new RequestReport
            {
                Id = $"0HNSYNTH{r:D8}:00000001",
                Method = "GET",
                Path = $"/api/area{e % 10}/resource{e}/{random.Next(100000)}",
                Endpoint = $"/api/area{e % 10}/resource{e}/{{id:int}}",
                Status = random.Next(50) == 0 ? 500 : random.Next(20) == 0 ? 404 : 200,
                StartedUtc = start.AddMilliseconds(r * 300),
            };
            long duration = 0;
            foreach (int m in endpointMethods[e])
            {
                var first = table[m * LinesPerMethod];
                var method = new MethodReport { File = first.File, Method = first.Method, Line = first.Line, Calls = 1 };
                request.Methods.Add(method);
                for (int l = 0; l < LinesPerMethod; l++)
                {
                    var line = table[m * LinesPerMethod + l];
                    long hits = l % 4 == 3 ? 1 + random.Next(200) : 1;
                    long time = (long)(hits * 800 * Math.Exp(random.NextDouble() * (l == 5 ? 9 : 4)));
                    long self = l % 3 == 0 ? time : time * random.Next(100) / 100;
                    request.Lines.Add(new RequestLine { File = line.File, Line = line.Line, Method = line.Method, Hits = hits, TimeNs = time, SelfNs = self });
                    line.Hits += hits;
                    line.TimeNs += time;
                    line.SelfNs += self;
                    method.TimeNs += time;
                    method.SelfNs += self;
                    duration += self;
                }
            }

            request.DurationNs = duration + random.Next(2_000_000);
            report.Requests.Add(request);
            Add(endpointReports[e], request);
        }

        foreach (var endpoint in endpointReports.Where(x => x.Count > 0))
        {
            endpoint.MeanNs = endpoint.TotalNs / endpoint.Count;
            endpoint.P50Ns = endpoint.MeanNs;
            endpoint.P95Ns = endpoint.MaxNs * 9 / 10;
            report.Endpoints.Add(endpoint);
        }

        report.Lines = table; // every line, including those no request ran
        report.Methods = Summed(report.Requests.SelectMany(r => r.Methods));
        foreach (var endpoint in report.Endpoints)
            endpoint.Methods = Summed(report.Requests.Where(r => "GET " + r.Endpoint == endpoint.Name).SelectMany(r => r.Methods));
        report.Requests.Sort((a, b) => b.DurationNs.CompareTo(a.DurationNs));
        return report;
    }

    private static List<MethodReport> Summed(IEnumerable<MethodReport> methods) =>
        methods.GroupBy(m => m.Method).Select(g => new MethodReport
        {
            File = g.First().File, Method = g.Key, Line = g.First().Line,
            Calls = g.Sum(m => m.Calls), TimeNs = g.Sum(m => m.TimeNs), SelfNs = g.Sum(m => m.SelfNs),
        }).ToList();

    private static void Add(EndpointReport endpoint, RequestReport request)
    {
        endpoint.Count++;
        endpoint.TotalNs += request.DurationNs;
        endpoint.MaxNs = Math.Max(endpoint.MaxNs, request.DurationNs);
        foreach (var line in request.Lines)
        {
            var summed = endpoint.Lines.FirstOrDefault(l => l.Line == line.Line && l.Method == line.Method);
            if (summed == null) endpoint.Lines.Add(summed = new RequestLine { File = line.File, Line = line.Line, Method = line.Method });
            summed.Hits += line.Hits;
            summed.TimeNs += line.TimeNs;
            summed.SelfNs += line.SelfNs;
        }
    }

    private static readonly string[] s_statements =
    [
        "var order = await _orders.FindAsync(id, cancellationToken);",
        "if (order is null) return Results.NotFound();",
        "foreach (var line in order.Lines)",
        "    total += line.Quantity * await _prices.PriceOfAsync(line.ProductId, cancellationToken);",
        "var customer = await _customers.GetAsync(order.CustomerId, cancellationToken).ConfigureAwait(false);",
        "_logger.LogInformation(\"Priced order {OrderId} for {CustomerId}\", order.Id, customer.Id);",
        "return Results.Ok(new OrderSummary(order.Id, customer.Name, total));",
        "var json = JsonSerializer.Serialize(summary, _options);",
        "await _cache.SetStringAsync(key, json, cancellationToken);",
        "discount = customer.IsPreferred ? total * 0.05m : 0m;",
    ];

    private static string SourceLine(Random random, int index) => "        " + s_statements[(index + random.Next(3)) % s_statements.Length];
}
