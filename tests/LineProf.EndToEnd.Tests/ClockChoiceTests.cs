using System.Net;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// Which clock a woven app built from the package reads, as lineprof.json reports it: the processor's time-stamp
/// counter where this machine's kernel vouches for it (the package gives a .NET app the runtime build that can read
/// it), Stopwatch when LINEPROF_CLOCK asks for it; and the figures are in nanoseconds either way.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ClockChoiceTests
{
    private Sandbox _sandbox = null!;
    private string _app = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("clock");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
        _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        _app = _sandbox.PathOf("app", "bin", "Release", "net10.0", "ProofApp.dll");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public async Task By_default_the_app_reads_the_counter_where_the_kernel_vouches_for_it()
    {
        var report = await ProfileASleep("auto", clock: null);
        Assert.That(report.Clock, Is.EqualTo(KernelVouchesForTheCounter() ? "tsc" : "stopwatch"));
    }

    [Test]
    public async Task LINEPROF_CLOCK_stopwatch_makes_the_app_read_Stopwatch()
    {
        var report = await ProfileASleep("forced", clock: "stopwatch");
        Assert.That(report.Clock, Is.EqualTo("stopwatch"));
    }

    /// <summary>
    /// Requests /sleep, whose line sleeps 100 ms, and checks its time converted to nanoseconds: at least the sleep,
    /// at most the whole HTTP round trip the test measured around it. A clock read in the wrong unit (counter ticks
    /// taken for Stopwatch ticks) lands outside.
    /// </summary>
    private async Task<LineProf.Reporting.ProfileReport> ProfileASleep(string output, string? clock)
    {
        var environment = new Dictionary<string, string?> { ["LINEPROF_OUTPUT"] = _sandbox.PathOf(output), ["LINEPROF_CLOCK"] = clock };
        await using var app = await WebApp.StartAsync(_app, environment);
        var roundTrip = System.Diagnostics.Stopwatch.StartNew();
        Assert.That((await app.GetAsync("/sleep")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        long roundTripNs = (long)roundTrip.Elapsed.TotalNanoseconds;
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

        var report = ReportFile.Load(Path.Combine(_sandbox.PathOf(output), "lineprof.json"));
        var sleep = report.Lines.Single(l => l.Source.Contains("Thread.Sleep(100)", StringComparison.Ordinal));
        Assert.That(sleep.TimeNs, Is.InRange(99_000_000L, roundTripNs), app.Output); // the probe's own cost, taken off, is well under 1 ms
        return report;
    }

    /// <summary>What LineProf checks on Linux x64: an invariant counter the kernel offers as a clock source.</summary>
    private static bool KernelVouchesForTheCounter()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
            return false;
        var flags = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("flags", StringComparison.Ordinal)).Split(' ', '\t');
        const string sources = "/sys/devices/system/clocksource/clocksource0/available_clocksource";
        return flags.Contains("constant_tsc") && flags.Contains("nonstop_tsc") && File.Exists(sources) && File.ReadAllText(sources).Split(' ', '\n').Contains("tsc");
    }
}
