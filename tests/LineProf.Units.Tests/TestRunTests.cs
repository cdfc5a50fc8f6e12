using System.Text;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Units.Tests;

/// <summary>
/// A woven library run by its test project under <c>dotnet test</c>, with each test framework and platform users run:
/// NUnit and xUnit v2 on VSTest, which ends the test host 100 ms after the last test, and xUnit v3 and NUnit on
/// Microsoft.Testing.Platform, where the test project is an executable that exits when its tests are done. The report
/// on disk must hold every hit of the run, with nothing half-written left beside it, and open on what ran. The library
/// is large (thousands of lines), as a real one is, so its last report takes a real time to make. One library is built
/// for the four test projects, all in one build.
/// </summary>
[TestFixture]
public sealed class TestRunTests
{
    private const int Methods = 1500;
    private static readonly int[] s_loops = [1000, 2000, 3000, 4321];

    private static readonly TestRunner[] s_runners =
    [
        TestRunner.NUnitOnVSTest, TestRunner.XunitV2OnVSTest, TestRunner.XunitV3OnTestingPlatform, TestRunner.NUnitOnTestingPlatform,
    ];

    private Sandbox _sandbox = null!;
    private readonly Dictionary<TestRunner, ProcessResult> _runs = [];

    public static IEnumerable<TestRunner> Runners => s_runners;

    public static IEnumerable<TestRunner> VSTestRunners => s_runners.Where(r => !r.OnTestingPlatform);

    [OneTimeSetUp]
    public void RunTheTests()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("test-runs");
        _sandbox.Write("Lib/Lib.csproj", ProjectFile.Plain().Profiled());
        _sandbox.Write("Lib/Generated.cs", GeneratedLibrary());
        _sandbox.Write("Lib/Last.cs", """
            namespace Lib;

            public static class Last
            {
                public static long Run(int loops)
                {
                    long sum = 0;
                    for (int i = 0; i < loops; i++)
                        sum += i; // MARK:last-loop
                    return sum;
                }
            }
            """);

        TestRunner.WriteTestingPlatformGlobalJson(_sandbox);
        var solution = new StringBuilder("<Solution>\n  <Project Path=\"Lib/Lib.csproj\" />\n");
        foreach (var runner in s_runners)
        {
            var folder = Folder(runner);
            _sandbox.Write($"{folder}/{runner.Key}.Tests.csproj", runner.ProjectFile(["Lib/Lib.csproj"]));
            _sandbox.Write($"{folder}/LibTests.cs", LibraryTests(runner.Framework));
            solution.Append($"  <Project Path=\"{folder}/{runner.Key}.Tests.csproj\" />\n");
        }

        _sandbox.Write("TestRuns.slnx", solution.Append("</Solution>\n").ToString());
        _sandbox.Build("TestRuns.slnx", "-c", "Release");
        foreach (var runner in s_runners) _runs[runner] = runner.Run(_sandbox, Folder(runner));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    private static string Folder(TestRunner runner) => runner.Folder($"{runner.Key}.Tests");

    private string ReportFolder(TestRunner runner) => _sandbox.PathOf(Folder(runner), "bin", "Release", "net10.0", "lineprof");

    /// <summary>One test that runs all the generated code, and one run of the loop per case, as each framework writes them.</summary>
    private static string LibraryTests(TestFramework framework)
    {
        var nunit = framework == TestFramework.NUnit;
        var cases = string.Concat(s_loops.Select(n => nunit ? $"    [TestCase({n})]\n" : $"    [InlineData({n})]\n"));
        return $$"""
            using {{(nunit ? "NUnit.Framework" : "Xunit")}};

            namespace Lib.Tests;

            public class LibTests
            {
                {{(nunit ? "[Test]" : "[Fact]")}}
                public void All_generated_code() => {{(nunit ? "Assert.That(Lib.Generated.RunAll(), Is.Not.EqualTo(-1))" : "Assert.NotEqual(-1, Lib.Generated.RunAll())")}};

            {{(nunit ? "" : "    [Theory]\n")}}{{cases}}    public void The_loop(int loops) => {{(nunit ? "Assert.That(Lib.Last.Run(loops), Is.GreaterThan(0))" : "Assert.True(Lib.Last.Run(loops) > 0)")}};
            }
            """;
    }

    private static string GeneratedLibrary()
    {
        var code = new StringBuilder("namespace Lib;\n\npublic static class Generated\n{\n");
        code.Append("    public static long RunAll()\n    {\n        long sum = 0;\n");
        for (int i = 0; i < Methods; i++) code.Append($"        sum += M{i}(sum);\n");
        code.Append("        return sum;\n    }\n");
        for (int i = 0; i < Methods; i++)
        {
            code.Append($$"""

                    private static long M{{i}}(long x)
                    {
                        long y = x ^ {{i}};
                        if (y % 7 == 3) y += {{i}};
                        y = (y * 31) % 1000003;
                        return y;
                    }

                """);
        }

        return code.Append("}\n").ToString();
    }

    [TestCaseSource(nameof(Runners))]
    public void The_run_passed(TestRunner runner)
    {
        Assert.That(TestRunner.Passed(_runs[runner], 1 + s_loops.Length), Is.True, _runs[runner].ToString());
    }

    [TestCaseSource(nameof(Runners))]
    public void The_final_report_has_every_hit_of_the_run(TestRunner runner)
    {
        var report = ReportFile.Load(Path.Combine(ReportFolder(runner), "lineprof.json"));
        var loop = report.OutsideRequests.Lines.Where(l => l.File.EndsWith("Last.cs", StringComparison.Ordinal) && l.Line == 9).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(loop.Sum(l => l.Hits), Is.EqualTo(s_loops.Sum()), _runs[runner].ToString());
            Assert.That(report.OutsideRequests.Lines.Count(l => l.File.EndsWith("Generated.cs", StringComparison.Ordinal)),
                Is.GreaterThanOrEqualTo(Methods * 4), "every generated line");
        });
    }

    [TestCaseSource(nameof(Runners))]
    public void No_half_written_file_is_left_beside_the_report(TestRunner runner)
    {
        Assert.That(Directory.EnumerateFiles(ReportFolder(runner)).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { ".gitignore", "lineprof.json", "lineprof.html" }));
    }

    [TestCaseSource(nameof(Runners))]
    public void The_page_of_a_run_that_served_no_request_opens_on_what_ran_outside_requests(TestRunner runner)
    {
        // The page opens on Outside requests when the report holds no request and some line ran outside (report.js).
        var page = PageFigures.FromHtml(File.ReadAllText(Path.Combine(ReportFolder(runner), "lineprof.html")));
        Assert.Multiple(() =>
        {
            Assert.That(page.RequestCount, Is.Zero);
            Assert.That(page.Requests, Is.Empty);
            Assert.That(page.Outside.Keys.Count(k => k.File.EndsWith("Last.cs", StringComparison.Ordinal)), Is.GreaterThan(0));
        });
    }

    [TestCaseSource(nameof(VSTestRunners))]
    public void A_VSTest_run_says_in_its_output_where_the_report_is_with_the_hottest_line(TestRunner runner)
    {
        // VSTest shows what its test host writes; Microsoft.Testing.Platform shows only what a test captured (README).
        var page = Path.Combine(ReportFolder(runner), "lineprof.html");
        Assert.That(_runs[runner].Output, Does.Contain($"LP1001: LineProf report: {page}")
            .And.Contain($"LP1002: LineProf report: {page} (0 requests profiled). Hottest line outside requests"), _runs[runner].ToString());
    }
}
