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

        for (int i = 0; i < OrderRequests; i++)
            Assert.That(await (await running.GetAsync($"/reports/orders?min={MinTotal}")).Content.ReadAsStringAsync(), Is.EqualTo(Orders.Sum().ToString()));
        Assert.That(await running.StopAsync(), Is.EqualTo(0), running.Output);
        return app;
    }

    /// <summary>The seeded orders' totals at or above the minimum, as the app's query returns them.</summary>
    private static IEnumerable<int> Orders => Enumerable.Range(1, 500).Select(i => i * 7 % 1000).Where(t => t >= MinTotal);

    [Test]
    public void The_hottest_line_is_the_services_await()
    {
        var await_ = Line("Services/ReportService.cs", "service-await");
        Assert.That(Hottest(), Is.SameAs(await_), Describe(Report.Lines));
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
    public void The_endpoints_are_the_controllers_attribute_routes()
    {
        Assert.That(Report.Endpoints.Select(e => (e.Name, e.Count)),
            Is.EquivalentTo(new[] { ("GET /Reports/{rows:int}", (long)Requests), ("GET /Reports/orders", (long)OrderRequests) }));
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
}
