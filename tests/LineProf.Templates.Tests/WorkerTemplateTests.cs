using System.Diagnostics;
using LineProf.Testing;

namespace LineProf.Templates.Tests;

/// <summary>
/// <c>dotnet new worker</c>: a background service loops and awaits with no request at all; it runs until it says
/// it finished, then is stopped with SIGTERM as a service manager would. Its lines are outside requests.
/// </summary>
[TestFixture]
public sealed class WorkerTemplateTests : TemplateFixture
{
    private const int Batches = 12;
    private const string Worker = "Worker.cs";

    private string _output = "";

    protected override async Task<TemplateApp> ProfileAsync()
    {
        var app = TemplateApp.Create("worker", "WorkerApp", "worker");
        app.AddPackages();
        app.Build();

        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = ProcessRunner.Start("dotnet", [app.AssemblyPath], app.OutputFolder) };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data == null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("Worker finished", StringComparison.Ordinal)) finished.TrySetResult();
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await finished.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var term = ProcessRunner.Run("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], app.OutputFolder);
            Assert.That(term.Succeeded, term.Output);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        lock (output)
        {
            _output = output.ToString();
            Assert.That(process.ExitCode, Is.EqualTo(0), _output);
        }

        return app;
    }

    [Test]
    public void The_workers_loop_has_exact_hits_outside_requests()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Line(Worker, "worker-body").Hits, Is.EqualTo(Batches));
            Assert.That(Line(Worker, "worker-await").Hits, Is.EqualTo(Batches));
            Assert.That(Report.OutsideRequests.Lines, Does.Contain(Line(Worker, "worker-body")));
            Assert.That(Report.Requests, Is.Empty);
        });
    }

    [Test]
    public void The_hottest_line_of_the_worker_is_its_await()
    {
        var hottest = Report.OutsideRequests.Lines.Where(l => IsFile(l.File, Worker)).OrderByDescending(l => l.SelfNs).First();
        Assert.That(hottest, Is.SameAs(Line(Worker, "worker-await")), Describe(Report.OutsideRequests.Lines));
    }

    [Test]
    public void The_workers_ExecuteAsync_is_timed()
    {
        var execute = Report.OutsideRequests.Methods.Single(m => m.Method.EndsWith("Worker.ExecuteAsync", StringComparison.Ordinal));
        Assert.That(execute.TimeNs, Is.GreaterThanOrEqualTo(Line(Worker, "worker-await").TimeNs), "the method's time holds its awaits");
    }

    [Test]
    public void The_shutdown_message_names_the_hottest_line_outside_requests()
    {
        var hottest = Report.OutsideRequests.Lines.OrderByDescending(l => l.SelfNs).First();
        var summary = _output.Split('\n').SingleOrDefault(l => l.Contains("LP1002", StringComparison.Ordinal)) ?? "";
        Assert.That(summary, Does.Contain($"Hottest line outside requests by self time: {hottest.File}:{hottest.Line} in {hottest.Method}"), _output);
    }
}
