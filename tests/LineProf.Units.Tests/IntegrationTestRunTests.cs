using System.Text;
using LineProf.Testing;

namespace LineProf.Units.Tests;

/// <summary>
/// A woven web app tested with <c>WebApplicationFactory</c>: two test classes, each with a factory of its own, run in
/// one test process, from an NUnit project on VSTest (fixtures with their own factory), an xUnit v2 project on VSTest
/// and an xUnit v3 project on Microsoft.Testing.Platform (the README's class fixture). Each run writes one report
/// with every request of both factories, into its test project's output folder (not the app's source folder), and
/// the test output says where. One app is built for the three test projects, all in one build.
/// </summary>
[TestFixture]
public sealed class IntegrationTestRunTests
{
    private const string MvcTestingPackage = """    <PackageReference Include="Microsoft.AspNetCore.Mvc.Testing" Version="10.0.15" />""" + "\n";
    private static readonly (string TestClass, int Id)[] s_testClasses = [("FirstTests", 3), ("SecondTests", 5)];

    private static readonly TestRunner[] s_runners =
    [
        TestRunner.NUnitOnVSTest, TestRunner.XunitV2OnVSTest, TestRunner.XunitV3OnTestingPlatform,
    ];

    private Sandbox _sandbox = null!;
    private readonly Dictionary<TestRunner, ProcessResult> _runs = [];

    public static IEnumerable<TestRunner> Runners => s_runners;

    [OneTimeSetUp]
    public void RunTheTests()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("factory-runs");
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

        TestRunner.WriteTestingPlatformGlobalJson(_sandbox);
        var solution = new StringBuilder("<Solution>\n  <Project Path=\"App/App.csproj\" />\n");
        foreach (var runner in s_runners)
        {
            var folder = Folder(runner);
            _sandbox.Write($"{folder}/{runner.Key}.Tests.csproj", runner.ProjectFile(["App/App.csproj"], MvcTestingPackage));
            foreach (var (testClass, id) in s_testClasses) _sandbox.Write($"{folder}/{testClass}.cs", TestClass(runner, testClass, id));

            // xUnit v3 shows a test's console output only when told to capture it: the LP1001 line is written there.
            if (runner == TestRunner.XunitV3OnTestingPlatform) _sandbox.Write($"{folder}/CaptureConsole.cs", "[assembly: Xunit.CaptureConsole]\n");
            solution.Append($"  <Project Path=\"{folder}/{runner.Key}.Tests.csproj\" />\n");
        }

        _sandbox.Write("FactoryRuns.slnx", solution.Append("</Solution>\n").ToString());
        _sandbox.Build("FactoryRuns.slnx", "-c", "Release");
        foreach (var runner in s_runners) _runs[runner] = runner.Run(_sandbox, Folder(runner));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    private static string Folder(TestRunner runner) => runner.Folder($"{runner.Key}.Tests");

    private string ReportFolder(TestRunner runner) => _sandbox.PathOf(Folder(runner), "bin", "Release", "net10.0", "lineprof");

    /// <summary>A test class with a factory of its own that asks for one order twice, as the README shows it.</summary>
    private static string TestClass(TestRunner runner, string testClass, int id)
    {
        if (runner.Framework == TestFramework.NUnit)
        {
            return $$"""
                using Microsoft.AspNetCore.Mvc.Testing;
                using NUnit.Framework;

                namespace App.Tests;

                public class {{testClass}}
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
                """;
        }

        // xUnit v3's analyzers ask for the test's cancellation token on every call that takes one.
        var token = runner == TestRunner.XunitV3OnTestingPlatform ? ", TestContext.Current.CancellationToken" : "";
        return $$"""
            using Microsoft.AspNetCore.Mvc.Testing;
            using Xunit;

            namespace App.Tests;

            public class {{testClass}}(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
            {
                [Fact]
                public async Task Two_orders()
                {
                    Assert.NotEmpty(await factory.CreateClient().GetStringAsync("/orders/{{id}}"{{token}}));
                    Assert.NotEmpty(await factory.CreateClient().GetStringAsync("/orders/{{id}}"{{token}}));
                }
            }
            """;
    }

    [TestCaseSource(nameof(Runners))]
    public void The_run_passed(TestRunner runner)
    {
        Assert.That(TestRunner.Passed(_runs[runner], s_testClasses.Length), Is.True, _runs[runner].ToString());
    }

    [TestCaseSource(nameof(Runners))]
    public void One_report_in_the_test_projects_output_folder_has_every_request_of_both_factories(TestRunner runner)
    {
        var report = ReportFile.Load(Path.Combine(ReportFolder(runner), "lineprof.json"));
        Assert.Multiple(() =>
        {
            Assert.That(report.RequestCount, Is.EqualTo(4), _runs[runner].ToString());
            Assert.That(report.Requests.Select(r => r.Path).Order(), Is.EqualTo(new[] { "/orders/3", "/orders/3", "/orders/5", "/orders/5" }));
            Assert.That(report.Lines.Where(l => l.File.EndsWith("Program.cs", StringComparison.Ordinal) && l.Line == 7).Sum(l => l.Hits),
                Is.EqualTo(s_testClasses.Sum(c => 2 * c.Id)));
            Assert.That(Directory.EnumerateFiles(ReportFolder(runner)).Select(Path.GetFileName),
                Is.EquivalentTo(new[] { ".gitignore", "lineprof.json", "lineprof.html" }), "nothing half-written beside the report");
        });
    }

    [Test]
    public void Nothing_is_written_into_the_apps_source_folder()
    {
        Assert.That(Directory.Exists(_sandbox.PathOf("App", "lineprof")), Is.False);
    }

    [TestCaseSource(nameof(Runners))]
    public void The_test_output_says_where_the_report_is(TestRunner runner)
    {
        Assert.That(_runs[runner].Output, Does.Contain($"LP1001: LineProf is profiling this test run's requests; report: {Path.Combine(ReportFolder(runner), "lineprof.html")}"),
            _runs[runner].ToString());
    }
}
