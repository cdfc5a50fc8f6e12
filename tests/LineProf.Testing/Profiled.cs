using LineProf.Reporting;
using NUnit.Framework;

namespace LineProf.Testing;

/// <summary>
/// Runs woven code (tests/TimingCases) inside a profiled request of its own, in this test process, and finds its
/// lines by their MARK comments.
/// </summary>
public static class Profiled
{
    private static readonly string s_cases = Repository.PathOf("tests", "TimingCases");

    /// <summary>
    /// Runs <paramref name="work"/> as one profiled request on the thread pool, with no SynchronizationContext, as
    /// ASP.NET Core runs requests (NUnit runs tests under a context of its own, which posts every continuation),
    /// and checks the request's own invariants.
    /// </summary>
    public static async Task<RequestReport> RequestAsync(Func<Task> work)
    {
        var path = $"/{TestContext.CurrentContext.Test.Name}/{Guid.NewGuid():N}";
        await Task.Run(async () =>
        {
            var scope = LineProfiler.Shared.BeginRequest("GET", path);
            try
            {
                await work();
            }
            finally
            {
                scope.End(200);
            }
        });

        var request = LineProfiler.Shared.CreateReport().Requests.Single(r => r.Path == path);
        ReportInvariants.Record(request);
        return request;
    }

    /// <summary>A lower bound for a Task.Delay of <paramref name="milliseconds"/>: .NET timers may fire a few ms early.</summary>
    public static double DelayOf(int milliseconds) => milliseconds * 0.97 - 2;

    public static Task<RequestReport> Request(Action work) => RequestAsync(() =>
    {
        work();
        return Task.CompletedTask;
    });

    /// <summary>The request's figures for the line marked <paramref name="marker"/>.</summary>
    public static RequestLine Line(this RequestReport request, string marker)
    {
        var (file, line) = Find(marker);
        var matches = request.Lines.Where(l => l.Line == line && Path.GetFileName(l.File) == file).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"line {file}:{line} (MARK:{marker}) in request {request.Path}");
        return matches[0];
    }

    public static bool HasLine(this RequestReport request, string marker)
    {
        var (file, line) = Find(marker);
        return request.Lines.Any(l => l.Line == line && Path.GetFileName(l.File) == file);
    }

    /// <summary>The request's figures for the method whose display name ends with <paramref name="name"/>.</summary>
    public static MethodReport Method(this RequestReport request, string name)
    {
        var matches = request.Methods.Where(m => m.Method.EndsWith("." + name, StringComparison.Ordinal)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"method {name} in request {request.Path}");
        return matches[0];
    }

    public static double Ms(this long nanoseconds) => nanoseconds / 1e6;

    private static (string File, int Line) Find(string marker)
    {
        foreach (var file in Directory.EnumerateFiles(s_cases, "*.cs"))
        {
            if (File.ReadAllText(file).Contains("MARK:" + marker, StringComparison.Ordinal))
                return (Path.GetFileName(file), SourceMarkers.LineOf(file, marker));
        }

        throw new InvalidOperationException("No MARK:" + marker + " in " + s_cases);
    }
}
