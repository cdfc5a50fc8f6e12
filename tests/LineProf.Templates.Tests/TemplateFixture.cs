using System.Diagnostics;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Templates.Tests;

/// <summary>
/// One template app per fixture: made, built and profiled once in <see cref="ProfileAsync"/>, then read by every
/// test. The report's invariants are a test of their own, so a known defect there does not hide the other checks.
/// </summary>
[NonParallelizable]
public abstract class TemplateFixture
{
    protected TemplateApp App { get; private set; } = null!;

    protected ProfileReport Report { get; private set; } = null!;

    private string _html = "";

    [OneTimeSetUp]
    public async Task MakeBuildAndProfile()
    {
        var watch = Stopwatch.StartNew();
        App = await ProfileAsync();
        var json = Path.Combine(App.ReportFolder, "lineprof.json");
        Report = ReportFile.Read(json);
        _html = File.ReadAllText(Path.Combine(App.ReportFolder, "lineprof.html"));
        TestContext.Progress.WriteLine($"{App.Name}: made, built and profiled in {watch.Elapsed.TotalSeconds:F0} s");
    }

    [OneTimeTearDown]
    public void CleanUp() => App?.Dispose();

    /// <summary>Makes and builds the app, runs it through its slow spot, stops it and returns it.</summary>
    protected abstract Task<TemplateApp> ProfileAsync();

    [Test]
    public void The_report_holds_every_invariant() => ReportInvariants.Check(Report, _html);

    /// <summary>The line of the app's source file <paramref name="relativePath"/> marked <paramref name="marker"/>, summed over all requests.</summary>
    protected LineReport Line(string relativePath, string marker)
    {
        var line = SourceMarkers.LineOf(App.PathOf(relativePath), marker);
        var matches = Report.Lines.Concat(Report.OutsideRequests.Lines).Where(l => l.Line == line && IsFile(l.File, relativePath)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"{relativePath}:{line} (MARK:{marker}) in the report's lines:\n{Describe(Report.Lines)}");
        return matches[0];
    }

    /// <summary>The line with the most self time of all requests.</summary>
    protected LineReport Hottest() => Report.Lines.OrderByDescending(l => l.SelfNs).First();

    protected static bool IsFile(string reported, string relativePath) =>
        reported.Replace('\\', '/').EndsWith("/app/" + relativePath, StringComparison.Ordinal);

    protected static string Describe(IEnumerable<LineReport> lines) =>
        string.Join("\n", lines.OrderByDescending(l => l.SelfNs).Take(15).Select(l => $"  {l.File}:{l.Line} {l.Method} hits {l.Hits} self {l.SelfNs:N0} | {l.Source.Trim()}"));
}
