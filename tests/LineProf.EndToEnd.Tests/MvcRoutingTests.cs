using System.Net;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// An MVC app with a conventional route and an attribute-routed controller, on endpoint routing
/// (<c>MapControllerRoute</c>, as the mvc template) and on MVC's own routing (<c>EnableEndpointRouting = false</c>
/// and <c>UseMvc()</c>, which sets no endpoint): each action is summed under its own route, the conventional
/// template with the action filled in or the attribute route template; not all under the one conventional template
/// that every action's endpoint carries, nor all under "GET (no endpoint)".
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MvcRoutingTests
{
    private const string EndpointRouting = """
        builder.Services.AddControllers();
        var app = builder.Build();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        app.MapControllers();
        """;

    private const string MvcOwnRouting = """
        builder.Services.AddMvc(options => options.EnableEndpointRouting = false);
        var app = builder.Build();
        app.UseMvc(routes => routes.MapRoute("default", "{controller=Home}/{action=Index}/{id?}"));
        """;

    [TestCase(EndpointRouting, TestName = "Each_action_is_summed_under_its_route_template_on_endpoint_routing")]
    [TestCase(MvcOwnRouting, TestName = "Each_action_is_summed_under_its_route_template_on_MVCs_own_routing")]
    public async Task Each_action_is_summed_under_its_route_template(string routing)
    {
        Repository.RequirePackage("LineProf");
        using var sandbox = Sandbox.Create("mvc-routing");
        sandbox.Write("app/MvcApp.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <LineProfile>true</LineProfile>
              </PropertyGroup>
              <ItemGroup><PackageReference Include="LineProf" Version="$(LineProfVersion)" /></ItemGroup>
            </Project>
            """);
        sandbox.Write("app/Program.cs", """
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            """ + routing + """

            app.Run();

            public class HomeController : Controller
            {
                public IActionResult Index() => Content("home");

                public IActionResult About(int id) => Content("about " + id);
            }

            [Route("api/items")]
            public class ItemsController : Controller
            {
                [HttpGet("{id:int}")]
                public IActionResult Get(int id) => Content("item " + id);
            }
            """);
        sandbox.Build("app/MvcApp.csproj", "-c", "Release", $"-p:LineProfVersion={Repository.Version}");

        var output = sandbox.PathOf("report");
        await using var app = await WebApp.StartAsync(sandbox.PathOf("app", "bin", "Release", "net10.0", "MvcApp.dll"),
            new Dictionary<string, string?> { ["LINEPROF_OUTPUT"] = output });
        foreach (var path in new[] { "/", "/Home/About/3", "/home/about/4", "/api/items/7", "/api/items/8", "/api/items/9" })
            Assert.That(await (await app.GetAsync(path)).Content.ReadAsStringAsync(), Is.Not.Empty, path);
        Assert.That((await app.GetAsync("/no/such/page/here")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

        var endpoints = ReportFile.Load(Path.Combine(output, "lineprof.json")).Endpoints.ToDictionary(e => e.Name, e => e.Count);
        Assert.That(endpoints, Is.EquivalentTo(new Dictionary<string, long>
        {
            ["GET /Home/Index/{id?}"] = 1,
            ["GET /Home/About/{id?}"] = 2,
            ["GET /api/items/{id:int}"] = 3,
            ["GET (no endpoint)"] = 1,
        }));
    }
}
