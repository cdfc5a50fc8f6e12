using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// A method's time in each request, for async code that hops between pool threads: a controller action awaiting an
/// injected service's loop of awaits, as the SDK templates' apps are written. Built in Debug (class state machines,
/// what `dotnet run` builds) and in Release (struct state machines, copied to the heap at their first await), and
/// served in both modes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AsyncMethodTimeTests
{
    private const int Requests = 10;
    private const int Awaits = 20;

    private Sandbox _sandbox = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("async-app");
        _sandbox.CopyFromRepository("tests/Apps/AsyncApp", "app");
        foreach (var configuration in new[] { "Debug", "Release" })
            _sandbox.Build("app/AsyncApp.csproj", "-c", configuration, "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [TestCase("Debug", "exact")]
    [TestCase("Debug", "sampled")]
    [TestCase("Release", "exact")]
    [TestCase("Release", "sampled")]
    public async Task Each_request_has_its_own_async_methods_time_never_zero_and_never_more_than_the_request(string configuration, string mode)
    {
        var output = _sandbox.PathOf("app", "bin", configuration, "net10.0");
        if (Directory.Exists(Path.Combine(output, "lineprof"))) Directory.Delete(Path.Combine(output, "lineprof"), recursive: true);
        await using (var app = await WebApp.StartAsync(Path.Combine(output, "AsyncApp.dll"), new Dictionary<string, string?> { ["LINEPROF_MODE"] = mode }))
        {
            for (int i = 0; i < Requests; i++)
                Assert.That(await (await app.GetAsync($"/reports?n={Awaits}")).Content.ReadAsStringAsync(), Is.EqualTo("190"));
            Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
        }

        var report = ReportFile.Load(Path.Combine(output, "lineprof", "lineprof.json"));
        Assert.That(report.Mode, Is.EqualTo(mode));
        var requests = report.Requests.Where(r => r.Path == "/reports").ToList();
        Assert.That(requests, Has.Count.EqualTo(Requests));
        Assert.Multiple(() =>
        {
            foreach (var request in requests)
            {
                var duration = request.DurationNs;
                var build = Method(request, "ReportBuilder.BuildAsync");
                var action = Method(request, "ReportsController.Get");
                var figures = $"request {request.Id} of {duration.Ms():F1} ms: BuildAsync {build.TimeNs.Ms():F1} ms, Get {action.TimeNs.Ms():F1} ms";
                Assert.That(build.Calls, Is.EqualTo(1), figures);
                Assert.That(action.Calls, Is.EqualTo(1), figures);
                // Each of the 20 Task.Delay(1) waits at least a millisecond (a timer may fire a little early).
                Assert.That(build.TimeNs.Ms(), Is.GreaterThanOrEqualTo(Awaits * 0.9), figures);
                Assert.That(build.TimeNs, Is.LessThanOrEqualTo(duration), figures);
                Assert.That(action.TimeNs, Is.LessThanOrEqualTo(duration), figures);
                Assert.That(action.TimeNs, Is.GreaterThanOrEqualTo(build.TimeNs * 9 / 10), "the action awaits the whole loop: " + figures);
            }
        });
    }

    private static MethodReport Method(RequestReport request, string name)
    {
        var matches = request.Methods.Where(m => m.Method == name || m.Method.StartsWith(name + "(", StringComparison.Ordinal)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"method {name} in request {request.Id}: {string.Join(", ", request.Methods.Select(m => m.Method))}");
        return matches[0];
    }
}
