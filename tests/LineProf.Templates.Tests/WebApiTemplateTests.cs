using System.Net;

namespace LineProf.Templates.Tests;

/// <summary>
/// <c>dotnet new webapi --use-controllers</c> with an injected async service that loops and awaits, and an EF Core
/// query over SQLite: sequential requests, so each request's figures stand alone.
/// </summary>
[TestFixture]
public sealed class WebApiTemplateTests : TemplateFixture
{
    private const int Requests = 6;
    private const int Rows = 12;
    private const int OrderRequests = 3;
    private const int MinTotal = 300;
    private const int CountRequests = 2;

    protected override async Task<TemplateApp> ProfileAsync()
    {
        var app = TemplateApp.Create("webapi", "WebApiApp", "webapi", "--use-controllers");
        app.AddPackages("Microsoft.EntityFrameworkCore.Sqlite/10.0.15");
        app.Build();
        await using var running = await app.StartAsync();
        for (int i = 0; i < Requests; i++)
        {
            var response = await running.GetAsync($"/reports/{Rows}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), running.Output);
        }

        for (int i = 0; i < CountRequests; i++)
            Assert.That(await (await running.GetAsync("/reports/count")).Content.ReadAsStringAsync(), Is.EqualTo("12"));
        for (int i = 0; i < OrderRequests; i++)
            Assert.That(await (await running.GetAsync($"/reports/orders?min={MinTotal}")).Content.ReadAsStringAsync(), Is.EqualTo(Orders.Sum().ToString()));
        Assert.That(await running.StopAsync(), Is.EqualTo(0), running.Output);
        return app;
    }

    /// <summary>The seeded orders' totals at or above the minimum, as the app's query returns them.</summary>
    private static IEnumerable<int> Orders => Enumerable.Range(1, 500).Select(i => i * 7 % 1000).Where(t => t >= MinTotal);

    /// <summary>Per endpoint: over the whole app, EF Core's first query (building its model) may outweigh the service.</summary>
    [Test]
    public void Each_endpoints_hottest_line_is_its_slow_spot()
    {
        Assert.Multiple(() =>
        {
            Assert.That(HottestOf("GET /Reports/{rows:int}"), Is.EqualTo(Place("Services/ReportService.cs", "service-await")));
            Assert.That(HottestOf("GET /Reports/orders"), Is.EqualTo(Place("Controllers/ReportsController.cs", "ef-query")));
        });
    }

    [Test]
    public void Loop_lines_under_awaits_and_the_ef_query_have_exact_hits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Line("Services/ReportService.cs", "service-body").Hits, Is.EqualTo(Requests * Rows));
            Assert.That(Line("Controllers/ReportsController.cs", "action-await").Hits, Is.EqualTo(Requests));
            Assert.That(Line("Controllers/ReportsController.cs", "ef-query").Hits, Is.EqualTo(OrderRequests));
            Assert.That(Line("Controllers/ReportsController.cs", "ef-loop").Hits, Is.EqualTo(OrderRequests * Orders.Count()));
        });
    }

    [Test]
    public void An_app_without_grpc_gets_nothing_of_the_grpc_adapter()
    {
        // LineProf.Grpc references Grpc.AspNetCore.Server: only an app that has it may carry the adapter.
        var deps = File.ReadAllText(Path.Combine(App.OutputFolder, App.Name + ".deps.json"));
        Assert.Multiple(() =>
        {
            Assert.That(Path.Combine(App.OutputFolder, "LineProf.Grpc.dll"), Does.Not.Exist);
            Assert.That(deps, Does.Not.Contain("LineProf.Grpc"));
            Assert.That(deps, Does.Contain("LineProf.AspNetCore"), "the app is profiled all the same");
        });
    }

    [Test]
    public void The_endpoints_are_the_controllers_attribute_routes()
    {
        Assert.That(Report.Endpoints.Select(e => (e.Name, e.Count)),
            Is.EquivalentTo(new[] { ("GET /Reports/{rows:int}", (long)Requests), ("GET /Reports/count", (long)CountRequests), ("GET /Reports/orders", (long)OrderRequests) }));
    }

    [Test]
    public void Overloaded_actions_keep_their_own_calls()
    {
        var gets = Report.Methods.Where(m => m.Method.Contains("ReportsController.Get", StringComparison.Ordinal)).ToList();
        Assert.That(gets.Select(m => m.Calls), Is.EquivalentTo(new[] { (long)Requests, (long)CountRequests }),
            string.Join("\n", gets.Select(m => $"{m.Method} at line {m.Line}: {m.Calls} calls")));
    }

    [Test]
    public void The_ef_query_line_takes_time_and_shows_its_source()
    {
        var query = Line("Controllers/ReportsController.cs", "ef-query");
        Assert.Multiple(() =>
        {
            Assert.That(query.Source, Does.Contain("db.Orders.Where(o => o.Total >= min)"));
            Assert.That(query.TimeNs, Is.GreaterThan(0));
        });
    }

    private (string File, int Line) HottestOf(string endpoint)
    {
        var hottest = Report.Endpoints.Single(e => e.Name == endpoint).Lines.OrderByDescending(l => l.SelfNs).First();
        return (hottest.File, hottest.Line);
    }

    private (string File, int Line) Place(string relativePath, string marker)
    {
        var line = Line(relativePath, marker);
        return (line.File, line.Line);
    }
}
