using System.Net;
using System.Text.RegularExpressions;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// What a woven app says and tidies when it starts: where the report and the live page are (once, with an address a
/// browser can open), what a disabled profiler's live page says, and the temporary files an earlier, killed run left.
/// One woven build of the proof app, several runs of it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StartUpTests
{
    private Sandbox _sandbox = null!;
    private string _app = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("start-up");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
        _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        _app = _sandbox.PathOf("app", "bin", "Release", "net10.0", "ProofApp.dll");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public async Task The_report_and_the_live_page_are_announced_once_with_the_address_the_app_listens_on()
    {
        await using var app = await WebApp.StartAsync(_app, Environment("announce"));
        Assert.That((await app.GetAsync("/loop?n=3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

        // At shutdown LP1002 names the report again, with the hottest line: that is another message.
        var running = app.Output[..app.Output.IndexOf("Application is shutting down", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(Regex.Matches(app.Output, "LP1001").Count, Is.EqualTo(1), app.Output);
            Assert.That(Regex.Matches(running, Regex.Escape(Path.Combine(_sandbox.PathOf("announce"), "lineprof.html"))).Count, Is.EqualTo(1),
                "the report's path, said once:\n" + running);
            Assert.That(running, Does.Contain(new Uri(app.BaseAddress, "_lineprof").ToString()), "an address to open, not a bare path");
            Assert.That(running, Does.Not.Contain("HTTP/2"));
        });
    }

    [Test]
    public async Task On_an_HTTP2_only_endpoint_without_TLS_the_announcement_says_a_browser_cannot_open_the_live_page()
    {
        var environment = Environment("http2");
        environment["Kestrel__EndpointDefaults__Protocols"] = "Http2"; // what the gRPC template's appsettings.json sets
        await using var app = await WebApp.StartAsync(_app, environment);
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

        var announcement = app.Output.Split('\n').SkipWhile(l => !l.Contains("LP1001")).Take(2);
        Assert.That(string.Join("\n", announcement), Does.Contain("HTTP/2 only").And.Contain("HTTP/1.1 endpoint"), app.Output);
    }

    [Test]
    public async Task With_profiling_turned_off_the_live_page_says_so_instead_of_waiting_for_requests()
    {
        var environment = Environment("disabled");
        environment["LINEPROF_ENABLED"] = "false";
        await using var app = await WebApp.StartAsync(_app, environment);
        Assert.That((await app.GetAsync("/loop?n=3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await (await app.GetAsync("/_lineprof")).Content.ReadAsStringAsync();
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

        var live = Regex.Match(page, "id=\"lineprof-live\"[^>]*>([^<]*)<").Groups[1].Value;
        Assert.That(live, Does.Contain("\"notProfiling\":\"Profiling is off (LINEPROF_ENABLED"), page.Length > 2000 ? live : page);
    }

    [Test]
    public async Task The_report_folder_LineProf_creates_keeps_itself_out_of_git_and_a_folder_that_existed_is_left_alone()
    {
        var git = ProcessRunner.Run("git", ["init", "-q", "."], _sandbox.PathOf("app"));
        Assert.That(git.Succeeded, Is.True, git.Output);
        var existing = _sandbox.PathOf("app", "reports");
        Directory.CreateDirectory(existing);

        foreach (var output in new[] { _sandbox.PathOf("app", "lineprof"), existing })
        {
            await using var app = await WebApp.StartAsync(_app, new Dictionary<string, string?> { ["LINEPROF_OUTPUT"] = output });
            Assert.That((await app.GetAsync("/loop?n=3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
        }

        var untracked = ProcessRunner.Run("git", ["status", "--porcelain", "--untracked-files=all"], _sandbox.PathOf("app"));
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(_sandbox.PathOf("app", "lineprof", "lineprof.json")), Is.True);
            Assert.That(untracked.Output, Does.Not.Contain("lineprof/"), "git sees nothing of the folder LineProf made");
            Assert.That(untracked.Output, Does.Contain("reports/lineprof.json"), "a folder the user made stays theirs to ignore");
        });
    }

    [Test]
    public async Task A_temporary_file_a_killed_run_left_mid_write_is_deleted_by_the_next_run()
    {
        var folder = _sandbox.PathOf("killed-mid-write");
        Directory.CreateDirectory(folder);
        var abandoned = Path.Combine(folder, "lineprof.json.0123456789ab.tmp");
        File.WriteAllText(abandoned, "{ \"requests\": [ { \"id\": ");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-1)); // as it is by the time anyone restarts

        await using var app = await WebApp.StartAsync(_app, Environment("killed-mid-write"));
        Assert.That((await app.GetAsync("/loop?n=3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(folder, "*.tmp"), Is.Empty);
            Assert.That(ReportFile.Load(Path.Combine(folder, "lineprof.json")).RequestCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_temporary_file_a_kill_left_just_before_the_restart_is_deleted_once_it_is_old_enough()
    {
        // A service manager restarts a killed app at once: at the first write its temporary file is too young to be
        // told from another process's write under way, and it then stayed for good, through this run's graceful stop.
        var folder = _sandbox.PathOf("restarted-after-kill");
        Directory.CreateDirectory(folder);
        var abandoned = Path.Combine(folder, "lineprof.html.0123456789ab.tmp");
        File.WriteAllText(abandoned, "<!doctype html><html><body><script>const data = ");
        var killedAt = DateTime.UtcNow.AddSeconds(15) - s_abandonedAfter; // old enough 15 s from now
        File.SetLastWriteTimeUtc(abandoned, killedAt);

        await using var app = await WebApp.StartAsync(_app, Environment("restarted-after-kill"));
        Assert.That((await app.GetAsync("/loop?n=3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Eventually(() => File.Exists(Path.Combine(folder, "lineprof.html"))), Is.True, "the first write:\n" + app.Output);
        Assert.That(File.Exists(abandoned), Is.True, "the test's premise: the first write found it too young to delete");

        // The app is idle from here: nothing changes, so only the interval's tick can judge the file again.
        Assert.That(await Eventually(() => !File.Exists(abandoned)), Is.True,
            $"still there {(DateTime.UtcNow - killedAt).TotalSeconds:F0} s after the kill:\n{app.Output}");
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
    }

    /// <summary>How old LineProf's temporary file must be before a run takes it for one a killed process left.</summary>
    private static readonly TimeSpan s_abandonedAfter = TimeSpan.FromMinutes(1);

    /// <summary>Waits for a file system event the app causes on its own timer; the bound only ends a broken run.</summary>
    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }

        return true;
    }

    private Dictionary<string, string?> Environment(string output) => new()
    {
        ["LineProf__WriteInterval"] = "00:00:01",
        ["LINEPROF_OUTPUT"] = _sandbox.PathOf(output),
    };
}
