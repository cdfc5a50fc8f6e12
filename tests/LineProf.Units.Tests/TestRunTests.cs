using System.Text;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Units.Tests;

/// <summary>
/// A woven library run by its test project under <c>dotnet test</c> with VSTest, which ends the test host 100 ms after
/// the last test: the report on disk must still hold every hit of the run, with nothing half-written left beside it.
/// The library is large (thousands of lines), as a real one is, so its last report takes a real time to make.
/// </summary>
[TestFixture]
public sealed class TestRunTests
{
    private const int Methods = 1500;
    private const int LastTestLoops = 4321;

    private Sandbox _sandbox = null!;
    private ProcessResult _run = null!;
    private string _reportFolder = null!;

    [OneTimeSetUp]
    public void RunTheTests()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("vstest-run");
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
        _sandbox.Write("Lib.Tests/Lib.Tests.csproj", ProjectFile.Plain().NUnitTests().Reference("../Lib/Lib.csproj"));
        _sandbox.Write("Lib.Tests/LibTests.cs", $$"""
            using NUnit.Framework;

            namespace Lib.Tests;

            public class LibTests
            {
                [Test]
                public void A_all_generated_code() => Assert.That(Lib.Generated.RunAll(), Is.Not.EqualTo(-1));

                [Test]
                public void Z_last() => Assert.That(Lib.Last.Run({{LastTestLoops}}), Is.GreaterThan(0));
            }
            """);

        _sandbox.Build("Lib.Tests/Lib.Tests.csproj", "-c", "Release");
        // The default VSTest runner: it kills the test host 100 ms after the session ends.
        var environment = new Dictionary<string, string?> { ["VSTEST_TESTHOST_SHUTDOWN_TIMEOUT"] = null };
        _run = ProcessRunner.Run("dotnet", ["test", "Lib.Tests.csproj", "-c", "Release", "--no-build", "--logger", "console;verbosity=normal"],
            _sandbox.PathOf("Lib.Tests"), environment);
        _reportFolder = _sandbox.PathOf("Lib.Tests", "bin", "Release", "net10.0", "lineprof");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

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

    [Test]
    public void The_run_passed()
    {
        Assert.That(_run.Output, Does.Contain("Passed!").Or.Contain("Test Run Successful"), _run.Output);
    }

    [Test]
    public void The_final_report_has_every_hit_of_the_last_test()
    {
        var report = ReportFile.Load(Path.Combine(_reportFolder, "lineprof.json"));
        var loop = report.OutsideRequests.Lines.Where(l => l.File.EndsWith("Last.cs", StringComparison.Ordinal) && l.Line == 9).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(loop.Sum(l => l.Hits), Is.EqualTo(LastTestLoops), _run.Output);
            Assert.That(report.OutsideRequests.Lines.Count(l => l.File.EndsWith("Generated.cs", StringComparison.Ordinal)),
                Is.GreaterThanOrEqualTo(Methods * 4), "every generated line");
        });
    }

    [Test]
    public void No_half_written_file_is_left_beside_the_report()
    {
        Assert.That(Directory.EnumerateFiles(_reportFolder).Select(Path.GetFileName), Is.EquivalentTo(new[] { ".gitignore", "lineprof.json", "lineprof.html" }));
    }

    [Test]
    public void The_page_of_a_run_that_served_no_request_holds_what_ran_outside_requests()
    {
        var page = PageFigures.FromHtml(File.ReadAllText(Path.Combine(_reportFolder, "lineprof.html")));
        Assert.Multiple(() =>
        {
            Assert.That(page.RequestCount, Is.Zero);
            Assert.That(page.Outside.Keys.Count(k => k.File.EndsWith("Last.cs", StringComparison.Ordinal)), Is.GreaterThan(0));
        });
    }
}
