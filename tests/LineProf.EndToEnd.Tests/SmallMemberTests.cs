using System.Net;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// An app from the SDK's empty web template with a small member (a one-line method the JIT would inline) that takes
/// real time: by default it is counted, its time is its caller's line's; with LineProfileTimeSmallMembers it is timed
/// like any method. Both through the packed package and a real build.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SmallMemberTests
{
    private const int Requests = 3;
    private const int NapMs = 25;
    private const string Nap = "Pause.Nap";

    private Sandbox _sandbox = null!;

    [OneTimeSetUp]
    public void CreateApp()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("small-members");
        var created = _sandbox.DotNet("", "new", "web", "-o", "app", "-n", "SmallApp", "--no-restore");
        Assert.That(created.Succeeded, Is.True, created.Output);
        var project = _sandbox.PathOf("app", "SmallApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>",
            $"""  <ItemGroup><PackageReference Include="LineProf" Version="{Repository.Version}" /></ItemGroup>""" + "\n</Project>"));
        var program = _sandbox.PathOf("app", "Program.cs");
        File.WriteAllText(program, File.ReadAllText(program).Replace("app.Run();", $$"""
            app.MapGet("/nap", () => Pause.Twice());

            app.Run();

            static class Pause
            {
                public static int Twice()
                {
                    Nap(); // MARK:first
                    Nap();
                    return 2;
                }

                static void Nap() => System.Threading.Thread.Sleep({{NapMs}});
            }
            """));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public async Task A_small_member_is_counted_and_its_time_is_the_calling_lines()
    {
        var report = await BuildServeAndReport();
        var nap = report.Methods.Single(m => m.Method == Nap);
        var calling = CallingLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(nap.Calls, Is.EqualTo(2 * Requests), "calls stay exact");
            Assert.That(report.Lines.Single(l => l.Method == Nap).Hits, Is.EqualTo(2 * Requests), "and so do the member's hits");
            Assert.That(nap.TimeNs, Is.Zero, "a counted member has no time of its own");
            Assert.That(nap.Counted, Is.True, "and the report says so, so the page and the tool show its time as the caller's");
            Assert.That(report.Lines.Single(l => l.Method == Nap).Counted, Is.True);
            Assert.That(calling.Counted, Is.False);
            Assert.That(calling.Hits, Is.EqualTo(Requests));
            Assert.That(calling.SelfNs, Is.GreaterThanOrEqualTo(Requests * NapMs * 1_000_000L), "the nap is the calling line's own time, as if inlined");
        });
    }

    [Test]
    public async Task LineProfileTimeSmallMembers_times_it_like_any_method()
    {
        var report = await BuildServeAndReport("-p:LineProfileTimeSmallMembers=true");
        var nap = report.Methods.Single(m => m.Method == Nap);
        var calling = CallingLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(nap.Calls, Is.EqualTo(2 * Requests));
            Assert.That(nap.TimeNs, Is.GreaterThanOrEqualTo(2 * Requests * NapMs * 1_000_000L), "timed: its own time");
            Assert.That(nap.Counted, Is.False);
            Assert.That(report.Lines.Single(l => l.Method == Nap).Counted, Is.False);
            Assert.That(calling.TimeNs, Is.GreaterThanOrEqualTo(Requests * NapMs * 1_000_000L));
            Assert.That(calling.SelfNs, Is.LessThan(calling.TimeNs / 2), "the nap is the callee's line's, not the caller's self time");
        });
    }

    private static LineReport CallingLine(ProfileReport report) => report.Lines.Single(l => l.Source.Contains("MARK:first", StringComparison.Ordinal));

    private async Task<ProfileReport> BuildServeAndReport(params string[] properties)
    {
        var build = _sandbox.Build("app/SmallApp.csproj", ["-c", "Release", "--no-incremental", "-p:LineProfile=true", .. properties]);
        Assert.That(build.Succeeded, Is.True, build.Output);
        var output = _sandbox.PathOf("app", "lineprof");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);

        await using var app = await WebApp.StartAsync(_sandbox.PathOf("app", "bin", "Release", "net10.0", "SmallApp.dll"), contentRoot: _sandbox.PathOf("app"));
        for (int i = 0; i < Requests; i++) Assert.That((await app.GetAsync("/nap")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await app.StopAsync(), Is.Zero, app.Output);
        return ReportFile.Load(Path.Combine(output, "lineprof.json"));
    }
}
