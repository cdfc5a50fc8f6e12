using LineProf.Testing;

namespace LineProf.Units.Tests;

/// <summary>
/// A woven web app tested with <c>WebApplicationFactory</c> from an NUnit project: two fixtures, each with a factory
/// of its own, run in one test host. The run writes one report with every request of both factories, into the test
/// project's output folder (not the app's source folder), and the test output says where.
/// </summary>
[TestFixture]
public sealed class IntegrationTestRunTests
{
    private const string MvcTestingVersion = "10.0.15";

    private Sandbox _sandbox = null!;
    private ProcessResult _run = null!;
    private string _reportFolder = null!;

    [OneTimeSetUp]
    public void RunTheTests()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("factory-run");
        _sandbox.Write("App/App.csproj", ProjectFile.Web().Profiled());
        _sandbox.Write("App/Program.cs", """
            var app = WebApplication.CreateBuilder(args).Build();

            app.MapGet("/orders/{id:int}", (int id) =>
            {
                int total = 0;
                for (int i = 0; i < id; i++)
                    total += i; // MARK:order-loop
                return Results.Text(total.ToString());
            });

            app.Run();

            public partial class Program;
            """);
        _sandbox.Write("App.Tests/App.Tests.csproj", ProjectFile.Plain().Property("ImplicitUsings", "enable").NUnitTests()
            .Package("Microsoft.AspNetCore.Mvc.Testing", MvcTestingVersion).Reference("../App/App.csproj"));
        foreach (var (fixture, id) in new[] { ("FirstFixture", 3), ("SecondFixture", 5) })
        {
            _sandbox.Write($"App.Tests/{fixture}.cs", $$"""
                using Microsoft.AspNetCore.Mvc.Testing;
                using NUnit.Framework;

                namespace App.Tests;

                public class {{fixture}}
                {
                    private WebApplicationFactory<Program> _factory = null!;

                    [OneTimeSetUp]
                    public void Start() => _factory = new WebApplicationFactory<Program>();

                    [OneTimeTearDown]
                    public void Stop() => _factory.Dispose();

                    [Test]
                    public async Task Two_orders()
                    {
                        using var client = _factory.CreateClient();
                        Assert.That(await client.GetStringAsync("/orders/{{id}}"), Is.Not.Empty);
                        Assert.That(await client.GetStringAsync("/orders/{{id}}"), Is.Not.Empty);
                    }
                }
                """);
        }

        _sandbox.Build("App.Tests/App.Tests.csproj", "-c", "Release");
        _run = ProcessRunner.Run("dotnet", ["test", "App.Tests.csproj", "-c", "Release", "--no-build", "--logger", "console;verbosity=normal"],
            _sandbox.PathOf("App.Tests"));
        _reportFolder = _sandbox.PathOf("App.Tests", "bin", "Release", "net10.0", "lineprof");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public void The_run_passed()
    {
        Assert.That(_run.Output, Does.Contain("Passed!").Or.Contain("Test Run Successful"), _run.Output);
    }

    [Test]
    public void One_report_in_the_test_projects_output_folder_has_every_request_of_both_factories()
    {
        var report = ReportFile.Load(Path.Combine(_reportFolder, "lineprof.json"));
        Assert.Multiple(() =>
        {
            Assert.That(report.RequestCount, Is.EqualTo(4), _run.Output);
            Assert.That(report.Requests.Select(r => r.Path).Order(), Is.EqualTo(new[] { "/orders/3", "/orders/3", "/orders/5", "/orders/5" }));
            Assert.That(report.Lines.Where(l => l.File.EndsWith("Program.cs", StringComparison.Ordinal) && l.Line == 7).Sum(l => l.Hits), Is.EqualTo(2 * 3 + 2 * 5));
        });
    }

    [Test]
    public void Nothing_is_written_into_the_apps_source_folder()
    {
        Assert.That(Directory.Exists(_sandbox.PathOf("App", "lineprof")), Is.False);
    }

    [Test]
    public void The_test_output_says_where_the_report_is()
    {
        Assert.That(_run.Output, Does.Contain(Path.Combine(_reportFolder, "lineprof.html")), _run.Output);
    }
}
