using LineProf.Reporting;

namespace LineProf.Runtime.Tests;

/// <summary>The line the log gets at shutdown names the line to look at first, wherever the work ran.</summary>
public sealed class ReportSummaryTests
{
    private static LineReport Line(string file, int line, long selfNs, string source) =>
        new() { File = file, Line = line, Method = "App.Worker.ExecuteAsync", Hits = 12, TimeNs = selfNs, SelfNs = selfNs, Source = source };

    [Test]
    public void With_requests_it_names_their_hottest_line()
    {
        var report = new ProfileReport { RequestCount = 3, Lines = { Line("/src/Orders.cs", 42, 5_000_000, "Load();") } };
        report.OutsideRequests.Lines.Add(Line("/src/Program.cs", 3, 90_000_000, "Start();"));

        Assert.That(ReportSummary.Describe(report, "/r/lineprof.html"), Does.EndWith("Hottest line by self time: /src/Orders.cs:42 in App.Worker.ExecuteAsync, 5.00 ms over 12 hits: Load();"));
    }

    [Test]
    public void Without_requests_it_names_the_hottest_line_outside_requests()
    {
        var report = new ProfileReport();
        report.OutsideRequests.Lines.Add(Line("/src/Worker.cs", 20, 1_200_000_000, "await Task.Delay(100, stoppingToken);"));
        report.OutsideRequests.Lines.Add(Line("/src/Worker.cs", 19, 3_000_000, "Process();"));

        Assert.That(ReportSummary.Describe(report, "/r/lineprof.html"), Is.EqualTo("LineProf report: /r/lineprof.html (0 requests profiled). " +
            "Hottest line outside requests by self time: /src/Worker.cs:20 in App.Worker.ExecuteAsync, 1200 ms over 12 hits: await Task.Delay(100, stoppingToken);"));
    }
}
