using System.Net;
using System.Text.Json;
using LineProf.Testing;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// The profiler degrades to "not profiling" and never fails the app: unwritable or full output folders, clients
/// that go away, large responses, a thousand requests at once, a hundred thousand in a row, a killed process, hostile
/// URLs, and an app whose woven code does not match its runtime. One woven build of the proof app, many runs of it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RuntimeFaultTests
{
    private Sandbox _sandbox = null!;
    private string _bin = null!;
    private string _program = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("runtime-faults");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
        _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        _bin = _sandbox.PathOf("app", "bin", "Release", "net10.0");
        _program = _sandbox.PathOf("app", "Program.cs");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public async Task An_unwritable_output_folder_gives_one_warning_and_the_app_keeps_serving()
    {
        _sandbox.Write("a-file", "not a folder");
        await using var app = await Start(_sandbox.PathOf("a-file", "lineprof"));
        for (int i = 0; i < 10; i++)
        {
            Assert.That((await app.GetAsync("/loop?n=3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Task.Delay(300); // several write attempts, one per second
        }

        Assert.That(await app.StopAsync(), Is.EqualTo(0));
        Assert.That(Occurrences(app.Output, "LP3001"), Is.EqualTo(1), "one clear warning, not one per attempt:\n" + app.Output);
        Assert.That(app.Output, Does.Contain("LINEPROF_OUTPUT"), "the warning says how to fix it");
    }

    [Test]
    public async Task A_full_disk_loses_the_report_but_nothing_else_and_leaves_no_torn_or_temporary_file()
    {
        var folder = _sandbox.PathOf("full-disk");
        Directory.CreateDirectory(folder);
        var mount = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", "size=48k", "tmpfs", folder], _sandbox.Root);
        Assert.That(mount.Succeeded, Is.True, "this test mounts a 48 KB tmpfs (it needs root, as build/test.sh runs in CI): " + mount);
        try
        {
            await using var app = await Start(folder);
            for (int i = 0; i < 5; i++) Assert.That((await app.GetAsync("/loop?n=3")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Task.Delay(1500);
            Assert.That((await app.GetAsync("/sleep")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

            Assert.Multiple(() =>
            {
                Assert.That(app.Output, Does.Contain("LP3001"));
                Assert.That(Directory.GetFiles(folder, "*.tmp"), Is.Empty, "no temporary file left behind");
                foreach (var json in Directory.GetFiles(folder, "*.json"))
                    Assert.DoesNotThrow(() => JsonDocument.Parse(File.ReadAllText(json)), "whatever was written is whole");
            });
        }
        finally
        {
            ProcessRunner.Run("umount", [folder], _sandbox.Root);
        }
    }

    [Test]
    public async Task A_request_its_client_abandons_is_recorded_as_499_with_the_time_until_then()
    {
        await using var app = await Start();
        using (var cancel = new CancellationTokenSource())
        {
            var request = app.Client.GetAsync("/abandoned", cancel.Token);
            await app.WaitForOutputAsync("abandoned: waiting"); // the handler is awaiting: however loaded the machine, it began
            await Task.Delay(200); // how long the client stays: the least the line is charged
            cancel.Cancel();
            Assert.CatchAsync<OperationCanceledException>(async () => await request);
        }

        await app.WaitForOutputAsync("abandoned: ended"); // the server noticed the closed connection
        Assert.That((await app.GetAsync("/loop?n=1")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the app goes on");
        var report = await StopAndRead(app);

        var abandoned = report.Requests.Single(r => r.Path == "/abandoned");
        var wait = abandoned.Lines.Single(l => l.Line == SourceMarkers.LineOf(_program, "abandoned-wait"));
        Assert.Multiple(() =>
        {
            Assert.That(abandoned.Status, Is.EqualTo(499));
            Assert.That(wait.TimeNs / 1e6, Is.InRange(190, 5000), "charged until the client left, not the 10 s it asked for");
        });
    }

    [Test]
    public async Task A_large_streamed_response_is_recorded_with_every_write()
    {
        await using var app = await Start();
        var response = await app.GetAsync("/stream?megabytes=64");
        Assert.That((await response.Content.ReadAsByteArrayAsync()).Length, Is.EqualTo(64 * 1024 * 1024));
        var report = await StopAndRead(app);

        var stream = report.Requests.Single(r => r.Path == "/stream");
        Assert.Multiple(() =>
        {
            Assert.That(stream.Status, Is.EqualTo(200));
            Assert.That(stream.Lines.Single(l => l.Line == SourceMarkers.LineOf(_program, "stream-write")).Hits, Is.EqualTo(64 * 16));
        });
    }

    [Test]
    public async Task A_thousand_concurrent_requests_neither_deadlock_nor_lose_a_hit()
    {
        await using var app = await Start();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var statuses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ => (await client.GetAsync("loop?n=10")).StatusCode));
        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
        var report = await StopAndRead(app);

        int body = SourceMarkers.LineOf(_program, "loop-body");
        Assert.Multiple(() =>
        {
            Assert.That(report.RequestCount, Is.EqualTo(1000));
            Assert.That(report.Endpoints.Single(e => e.Name == "GET /loop").Count, Is.EqualTo(1000));
            Assert.That(report.Lines.Single(l => l.Line == body).Hits, Is.EqualTo(10_000), "every hit of every request, summed");
            Assert.That(report.Requests, Has.Count.LessThanOrEqualTo(300), "only the recent and the slowest are kept");
        });
    }

    [Test]
    public async Task Memory_stays_flat_over_100000_requests_once_the_retention_bound_is_reached()
    {
        await using var app = await Start();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = app.BaseAddress };
        await Send(client, 10_000);
        long after10K = long.Parse(await client.GetStringAsync("memory"));
        await Send(client, 90_000);
        long after100K = long.Parse(await client.GetStringAsync("memory"));
        var report = await StopAndRead(app);

        Assert.Multiple(() =>
        {
            Assert.That(report.RequestCount, Is.EqualTo(100_000 + 2), "and the two that read the heap");
            Assert.That(after100K - after10K, Is.LessThan(8 * 1024 * 1024),
                $"managed heap after 10,000 requests: {after10K / 1024} KB, after 100,000: {after100K / 1024} KB");
        });
    }

    [Test]
    public async Task A_process_killed_with_SIGKILL_leaves_its_last_periodic_report_whole()
    {
        await using var app = await Start();
        using var sending = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            while (!sending.IsCancellationRequested)
            {
                try
                {
                    await app.Client.GetAsync("/loop?n=5", sending.Token);
                }
                catch (Exception) when (sending.IsCancellationRequested)
                {
                }
            }
        });

        await Task.Delay(3500); // three periodic writes or more, while requests keep coming
        app.KillHard();
        sending.Cancel();
        try
        {
            await traffic;
        }
        catch (HttpRequestException)
        {
            // The server died under the client: expected.
        }

        var report = ReportFile.Load(Path.Combine(_bin, "lineprof", "lineprof.json"));
        Assert.That(report.RequestCount, Is.GreaterThan(0), "the last periodic write is there and parses");
        Assert.That(Directory.GetFiles(Path.Combine(_bin, "lineprof"), "*.tmp"), Is.Empty);
    }

    [Test]
    public async Task Hostile_urls_are_served_as_the_app_would_and_recorded_escaped()
    {
        // They run no profiled line: kept only when asked, which is how they reach the page to be escaped.
        var environment = Environment(null);
        environment["LineProf__KeepRequestsWithoutLines"] = "true";
        await using var app = await WebApp.StartAsync(Path.Combine(_bin, "ProofApp.dll"), environment);
        var hostile = new[]
        {
            "/" + new string('a', 7000),
            "/%01%02%1b[31mred",
            "/%C3%28invalid-utf8",
            "/<img src=x onerror=alert(1)>",
            "/loop?n=1&q=" + Uri.EscapeDataString("</script><script>alert(1)</script>") + new string('q', 4000),
        };
        foreach (var path in hostile)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.BaseAddress + path.TrimStart('/'), UriKind.Absolute));
            request.Headers.TryAddWithoutValidation("X-Hostile", "<script>alert(1)</script>" + new string('h', 4000));
            var status = (await app.Client.SendAsync(request)).StatusCode;
            Assert.That((int)status, Is.LessThan(500), path);
        }

        Assert.That((await app.GetAsync("/loop?n=1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var report = await StopAndRead(app);
        var html = File.ReadAllText(Path.Combine(_bin, "lineprof", "lineprof.html"));
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<img src=x"));
            Assert.That(html, Does.Not.Contain("<script>alert"));
            Assert.That(report.Requests.Where(r => r.Path.StartsWith("/aaa", StringComparison.Ordinal)), Is.Not.Empty, "the long path is kept");
            Assert.That(report.Requests.Max(r => r.Path.Length), Is.LessThanOrEqualTo(1001), "paths are cut to a bounded length");
        });
    }

    [Test]
    public async Task An_app_woven_for_another_probe_contract_says_so_at_start_up_and_runs_unprofiled()
    {
        var other = _sandbox.PathOf("other-contract");
        CopyFolder(_bin, other);
        SetWovenContractVersion(Path.Combine(other, "ProofApp.dll"), 999);

        await using var app = await WebApp.StartAsync(Path.Combine(other, "ProofApp.dll"), Environment(null));
        Assert.That(app.Output, Does.Contain("LP2001"), "reported at start-up, before any request:\n" + app.Output);
        Assert.That(await (await app.GetAsync("/parallel")).Content.ReadAsStringAsync(), Is.EqualTo("10000"));
        Assert.That((await app.GetAsync("/throw")).StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), "its own exception, not ours");
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

        var json = Path.Combine(other, "lineprof", "lineprof.json");
        Assert.That(!File.Exists(json) || ReportFile.Load(json).Lines.Count == 0, Is.True, "nothing was counted for the module the runtime refused");
    }

    private Task<WebApp> Start(string? output = null) => WebApp.StartAsync(Path.Combine(_bin, "ProofApp.dll"), Environment(output));

    private static Dictionary<string, string?> Environment(string? output)
    {
        var environment = new Dictionary<string, string?> { ["LineProf__WriteInterval"] = "00:00:01" };
        if (output != null) environment["LINEPROF_OUTPUT"] = output;
        return environment;
    }

    private async Task<Reporting.ProfileReport> StopAndRead(WebApp app)
    {
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
        return ReportFile.Load(Path.Combine(_bin, "lineprof", "lineprof.json"));
    }

    private static async Task Send(HttpClient client, int count)
    {
        const int parallel = 16;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async worker =>
        {
            for (int i = worker; i < count; i += parallel)
            {
                using var response = await client.GetAsync("loop?n=2");
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "").Length) / value.Length;

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.TopDirectoryOnly))
        {
            Directory.CreateDirectory(to);
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>Stands in for a build by another LineProf version: the contract the woven module announces.</summary>
    private static void SetWovenContractVersion(string assembly, int version)
    {
        using (var module = ModuleDefinition.ReadModule(assembly, new ReaderParameters { ReadWrite = true, ReadSymbols = true }))
        {
            var cctor = module.GetType(ProbeContract.LineMapTypeName).Methods.Single(m => m.IsConstructor && m.IsStatic);
            var load = cctor.Body.Instructions.First(i => i.OpCode.Code is Code.Ldc_I4 or Code.Ldc_I4_1 or Code.Ldc_I4_S &&
                Convert.ToInt32(i.Operand ?? 1) == ProbeContract.Version);
            load.OpCode = OpCodes.Ldc_I4;
            load.Operand = version;
            module.Write(new WriterParameters { WriteSymbols = true });
        }
    }
}
