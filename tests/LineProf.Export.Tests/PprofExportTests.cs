using System.Net;
using LineProf.Testing;

namespace LineProf.Export.Tests;

/// <summary>
/// A real woven app's report as pprof, both ways a user gets one: the live page's /_lineprof/api/pprof, and
/// `lineprof export --format pprof` on the lineprof.json it wrote. Go's pprof reads both and ranks the app's lines
/// with LineProf's exact figures.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PprofExportTests
{
    private const int LoopCount = 37;

    private Sandbox _sandbox = null!;
    private string _program = null!;
    private string _livePprof = null!;
    private string _exportedPprof = null!;
    private HttpStatusCode _proxiedStatus;
    private HttpResponseMessage _liveResponse = null!;

    [OneTimeSetUp]
    public async Task BuildServeAndExport()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("pprof-export");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
        _program = _sandbox.PathOf("app", "Program.cs");
        var build = _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        Assert.That(build.Output, Does.Contain("LP0001"));

        await using (var app = await WebApp.StartAsync(_sandbox.PathOf("app", "bin", "Release", "net10.0", "ProofApp.dll")))
        {
            Assert.That((await app.GetAsync($"/loop?n={LoopCount}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await app.GetAsync("/sleep")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            _liveResponse = await app.GetAsync("/_lineprof/api/pprof");
            _livePprof = _sandbox.PathOf("live.pb.gz");
            await File.WriteAllBytesAsync(_livePprof, await _liveResponse.Content.ReadAsByteArrayAsync());

            // The live page's rule: a client that came through a proxy is not the machine's own user.
            var proxied = new HttpRequestMessage(HttpMethod.Get, new Uri(app.BaseAddress, "/_lineprof/api/pprof"));
            proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
            _proxiedStatus = (await app.Client.SendAsync(proxied)).StatusCode;
            Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
        }

        var json = _sandbox.PathOf("app", "bin", "Release", "net10.0", "lineprof", "lineprof.json");
        int square = SourceMarkers.LineOf(_program, "square");
        Assert.That(ReportFile.Load(json).Lines.Single(l => l.Line == square && l.Method.EndsWith("Square", StringComparison.Ordinal)).Counted, Is.True,
            "Work.Square, one line, is a small member: counted, not timed");
        _exportedPprof = _sandbox.PathOf("exported.pb.gz");
        var export = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "LineProf.Tool.dll"), "export", json, "--format", "pprof", "-o", _exportedPprof], _sandbox.Root);
        Assert.That(export.ExitCode, Is.EqualTo(0), export.ToString());
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    private static IEnumerable<string> Profiles() => ["live", "exported"];

    private string PathOf(string which) => which == "live" ? _livePprof : _exportedPprof;

    [TestCaseSource(nameof(Profiles))]
    public void Go_pprof_ranks_the_loop_body_with_its_exact_hit_count(string which)
    {
        int loopBody = SourceMarkers.LineOf(_program, "loop-body");
        var rows = GoPprof.TopLines(_sandbox.Root, PathOf(which), "hits");
        var row = rows.SingleOrDefault(r => r.Text.EndsWith($"Program.cs:{loopBody}", StringComparison.Ordinal));
        Assert.That(row.Text, Is.Not.Null, "the loop body's line is listed:\n" + string.Join('\n', rows));
        Assert.That(row.Flat, Is.EqualTo(LoopCount), row.Text);
    }

    [TestCaseSource(nameof(Profiles))]
    public void Go_pprof_ranks_the_sleeping_line_first_by_self_time(string which)
    {
        int sleep = SourceMarkers.LineOf(_program, "sleep");
        var rows = GoPprof.TopLines(_sandbox.Root, PathOf(which), "self");
        Assert.That(rows[0].Text, Does.EndWith($"Program.cs:{sleep}"), string.Join('\n', rows));
        Assert.That(rows[0].Flat, Is.GreaterThanOrEqualTo(100_000_000), "Thread.Sleep(100) in nanoseconds");
    }

    [TestCaseSource(nameof(Profiles))]
    public void Go_pprof_lists_the_endpoints_kind_and_mode_as_tags(string which)
    {
        var tags = GoPprof.Run(_sandbox.Root, "-sample_index=hits", "-tags", PathOf(which));
        Assert.Multiple(() =>
        {
            Assert.That(tags, Does.Contain("endpoint:"));
            Assert.That(tags, Does.Contain("GET /loop"));
            Assert.That(tags, Does.Contain("GET /sleep"));
            Assert.That(tags, Does.Contain("kind:").And.Contain("http"));
            Assert.That(tags, Does.Contain("mode:").And.Contain("exact"));
        });
    }

    [TestCaseSource(nameof(Profiles))]
    public void Go_pprof_lists_a_method_with_its_source_lines(string which)
    {
        // The PDB's paths are the sandbox's, which exist here, so pprof shows each line's source beside its figures.
        var listing = GoPprof.Run(_sandbox.Root, "-sample_index=hits", "-list", "Program.Main", PathOf(which));
        int loopBody = SourceMarkers.LineOf(_program, "loop-body");
        var row = listing.Split('\n').FirstOrDefault(l => l.Contains("sum += Work.Square(i);", StringComparison.Ordinal));
        Assert.That(row, Is.Not.Null, listing);
        Assert.That(row, Does.Match($@"^\s*{LoopCount}\s+{LoopCount}\s+{loopBody}:"), listing);
    }

    [TestCaseSource(nameof(Profiles))]
    public void Go_pprof_counts_a_small_members_hits_leaves_it_out_of_the_time_views_and_says_why(string which)
    {
        int square = SourceMarkers.LineOf(_program, "square");
        var hits = GoPprof.TopLines(_sandbox.Root, PathOf(which), "hits");
        var self = GoPprof.TopLines(_sandbox.Root, PathOf(which), "self");
        var top = GoPprof.Run(_sandbox.Root, "-sample_index=time", "-top", PathOf(which));
        Assert.Multiple(() =>
        {
            Assert.That(hits.SingleOrDefault(r => r.Text.EndsWith($"Program.cs:{square}", StringComparison.Ordinal)).Flat, Is.EqualTo(LoopCount),
                "its hits, exact: " + string.Join('\n', hits));
            Assert.That(self.Select(r => r.Text), Has.None.EndWith($"Program.cs:{square}"), "no time samples: its time is the loop body's");
            Assert.That(top, Does.Contain("Counted, not timed: 1 line of a small member").And.Contain("its time is in the time and self of the line that called it"),
                "pprof prints the profile's comment above its views");
        });
    }

    [Test]
    public void The_live_profile_is_a_download_with_the_live_pages_headers()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_liveResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_liveResponse.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/octet-stream"));
            Assert.That(_liveResponse.Content.Headers.ContentDisposition?.FileName, Does.Contain("lineprof.pb.gz"));
            Assert.That(_liveResponse.Headers.CacheControl?.NoStore, Is.True);
        });
    }

    [Test]
    public void The_live_profile_is_refused_like_the_live_page() => Assert.That(_proxiedStatus, Is.EqualTo(HttpStatusCode.NotFound));
}
