using System.Net;
using LineProf.Testing;

namespace LineProf.Export.Tests;

/// <summary>
/// A woven app told to push to a Pyroscope-style ingest endpoint, and a real listener there whose bodies Go's pprof
/// decodes: each push holds what ran since the previous successful one, a failed attempt is retried, and the
/// app's name, labels and Authorization header arrive as configured.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PushTests
{
    private const int LoopCount = 37;
    private Sandbox _sandbox = null!;
    private string _program = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("pprof-push");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
        _program = _sandbox.PathOf("app", "Program.cs");
        _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public async Task Each_push_holds_the_lines_run_since_the_last_one_and_a_refused_push_is_retried()
    {
        await using var ingest = await IngestListener.StartAsync(failFirst: 1);
        await using var app = await WebApp.StartAsync(_sandbox.PathOf("app", "bin", "Release", "net10.0", "ProofApp.dll"), new Dictionary<string, string?>
        {
            ["LineProf__Push__Url"] = ingest.Address.ToString(),
            ["LineProf__Push__ApplicationName"] = "proofapp",
            ["LineProf__Push__Labels__env"] = "test",
            ["LineProf__Push__AuthorizationHeader"] = "Bearer s3cret",
            ["LineProf__Push__Interval"] = "00:00:01",
        });

        Assert.That((await app.GetAsync($"/loop?n={LoopCount}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var refused = await ingest.NextAsync();
        var retried = await ingest.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(refused.AnsweredStatus, Is.EqualTo(503));
            Assert.That(retried.AnsweredStatus, Is.EqualTo(200));
            Assert.That(retried.Body, Is.EqualTo(refused.Body), "the retry sends the same profile");
            Assert.That(retried.Path, Is.EqualTo("/ingest"));
            Assert.That(retried.Query["name"], Is.EqualTo("proofapp{env=test}"));
            Assert.That(retried.Query["format"], Is.EqualTo("pprof"));
            Assert.That(long.Parse(retried.Query["until"]), Is.GreaterThanOrEqualTo(long.Parse(retried.Query["from"])));
            Assert.That(retried.Authorization, Is.EqualTo("Bearer s3cret"));
        });
        Assert.That(LoopHits(retried), Is.EqualTo(LoopCount));
        var tags = Decode(retried, "-tags");
        Assert.That(tags, Does.Contain("env:").And.Contain("test").And.Contain("GET /loop"));
        Assert.That(Decode(retried, "-top"), Does.Contain("Counted, not timed: 1 line of a small member"),
            "Work.Square's hits arrive with no time, and the profile says its time is the loop body's");

        // Pyroscope sums what it receives over time: the next push holds the second request only, not both.
        Assert.That((await app.GetAsync($"/loop?n={LoopCount}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var next = await ingest.NextAsync();
        Assert.That(next.AnsweredStatus, Is.EqualTo(200));
        Assert.That(LoopHits(next), Is.EqualTo(LoopCount));
        Assert.That(long.Parse(next.Query["from"]), Is.GreaterThanOrEqualTo(long.Parse(retried.Query["until"])));
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
    }

    private long LoopHits(Push push)
    {
        string file = _sandbox.PathOf("push-" + Guid.NewGuid().ToString("N")[..8] + ".pb.gz");
        File.WriteAllBytes(file, push.Body);
        int loopBody = SourceMarkers.LineOf(_program, "loop-body");
        var rows = GoPprof.TopLines(_sandbox.Root, file, "hits");
        return rows.Single(r => r.Text.EndsWith($"Program.cs:{loopBody}", StringComparison.Ordinal)).Flat;
    }

    private string Decode(Push push, string view)
    {
        string file = _sandbox.PathOf("push-" + Guid.NewGuid().ToString("N")[..8] + ".pb.gz");
        File.WriteAllBytes(file, push.Body);
        return GoPprof.Run(_sandbox.Root, "-sample_index=hits", view, file);
    }
}
