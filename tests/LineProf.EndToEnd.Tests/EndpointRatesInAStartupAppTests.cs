using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// Endpoints' own rates in a Startup-style app, where the app calls UseRouting itself after middleware of its own and
/// routes to MVC controllers and a mapped endpoint: each request is decided again once routing chose its endpoint,
/// wherever UseRouting sits, and an unchosen request's handler lines go nowhere while every request is counted. The
/// action's route has a constraint (<c>{id:int}</c>), whose ':' a configuration key cannot hold: it is named without it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class EndpointRatesInAStartupAppTests
{
    private const int Each = 12;

    private Sandbox _sandbox = null!;
    private string _assembly = null!;
    private string _program = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("startup-rates");
        _sandbox.Write("app/StartupApp.csproj", ProjectFile.Web().Property("Nullable", "enable").Profiled());
        _sandbox.Write("app/Program.cs", """
            using Microsoft.AspNetCore.Mvc;

            Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>()).Build().Run();

            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddControllers();

                public void Configure(IApplicationBuilder app)
                {
                    app.Use(async (context, next) =>
                    {
                        context.Response.Headers["X-Before-Routing"] = "1"; // MARK:before-routing
                        await next(context);
                    });
                    app.UseRouting();
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.MapControllers();
                        endpoints.MapGet("/mapped", () => "mapped"); // MARK:mapped
                    });
                }
            }

            [ApiController]
            [Route("orders")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpGet("{id:int}")]
                public string Get(int id)
                {
                    return "order " + id; // MARK:order
                }
            }
            """);
        _sandbox.Build("app/StartupApp.csproj", "-c", "Release", $"-p:LineProfVersion={Repository.Version}");
        _assembly = _sandbox.PathOf("app", "bin", "Release", "net10.0", "StartupApp.dll");
        _program = _sandbox.PathOf("app", "Program.cs");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    private async Task<ProfileReport> RunAsync(Dictionary<string, string?> environment)
    {
        environment["LINEPROF_OUTPUT"] = _sandbox.PathOf("out-" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = await WebApp.StartAsync(_assembly, environment);
        for (int i = 0; i < Each; i++)
        {
            Assert.That(await (await app.GetAsync("/orders/" + i)).Content.ReadAsStringAsync(), Is.EqualTo("order " + i));
            Assert.That(await (await app.GetAsync("/mapped")).Content.ReadAsStringAsync(), Is.EqualTo("mapped"));
        }

        return ReportFile.Parse(await (await app.GetAsync("/_lineprof/api/report")).Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_controller_action_at_rate_1_beside_a_default_of_0_is_profiled_from_routing_on()
    {
        var report = await RunAsync(new()
        {
            ["LINEPROF_SAMPLE_RATE"] = "0",
            ["LineProf__Endpoints__GET /orders/{id}__SampleRate"] = "1",
        });

        var orders = report.Endpoints.Single(e => e.Name == "GET /orders/{id:int}");
        var mapped = report.Endpoints.Single(e => e.Name == "GET /mapped");
        Assert.Multiple(() =>
        {
            Assert.That(orders.Count, Is.EqualTo(Each));
            Assert.That(orders.Profiled, Is.EqualTo(Each));
            Assert.That(orders.Lines.Single(l => l.Line == SourceMarkers.LineOf(_program, "order")).Hits, Is.EqualTo(Each));
            Assert.That(orders.Lines.Any(l => l.Line == SourceMarkers.LineOf(_program, "before-routing")), Is.False,
                "chosen at routing: the app's middleware before UseRouting ran before the profile began");
            Assert.That(mapped.Count, Is.EqualTo(Each));
            Assert.That(mapped.Profiled, Is.EqualTo(0));
            Assert.That(report.Selection!.Profiled, Is.EqualTo(Each));
        });
    }

    [Test]
    public async Task A_controller_action_at_rate_0_beside_a_default_of_1_is_only_counted()
    {
        var report = await RunAsync(new() { ["LineProf__Endpoints__GET /orders/{id}__SampleRate"] = "0" });

        var orders = report.Endpoints.Single(e => e.Name == "GET /orders/{id:int}");
        var mapped = report.Endpoints.Single(e => e.Name == "GET /mapped");
        int order = SourceMarkers.LineOf(_program, "order");
        Assert.Multiple(() =>
        {
            Assert.That(orders.Count, Is.EqualTo(Each), "every request counts");
            Assert.That(orders.Profiled, Is.EqualTo(0));
            Assert.That(report.Lines.Any(l => l.Line == order), Is.False, "dropped at routing: its action ran the inert probe");
            Assert.That(mapped.Profiled, Is.EqualTo(Each));
            Assert.That(mapped.Lines.Single(l => l.Line == SourceMarkers.LineOf(_program, "before-routing")).Hits, Is.EqualTo(Each),
                "the default rate's requests are profiled from their start, the app's middleware included");
            Assert.That(report.Selection!.Unprofiled, Is.EqualTo(Each));
        });
    }
}
