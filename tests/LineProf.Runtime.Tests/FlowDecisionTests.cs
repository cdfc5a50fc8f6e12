using LineProf.Collection;

namespace LineProf.Runtime.Tests;

/// <summary>
/// Whether a probe collects is decided per flow, not per process: a request the sample rate did not choose stays
/// inert while other requests are profiled, wherever its work moves (awaits, Task.Run, threads it starts), and the
/// thread that ran it collects again as soon as it runs a profiled request's work.
/// </summary>
[NonParallelizable]
public sealed class FlowDecisionTests
{
    private const int Lines = 4;
    private static int s_first;

    [OneTimeSetUp]
    public void RegisterLines() => s_first = Probe.Register(typeof(FlowDecisionTests), ProbeContract.Version, Lines);

    [SetUp]
    public void Configure() => LineProfiler.Shared.Configure(new LineProfilerOptions { WriteFiles = false, ProfileOutsideRequests = false, RecentRequests = 1000 });

    [Test]
    public async Task An_unchosen_request_stays_inert_wherever_its_work_runs_while_another_request_is_profiled()
    {
        var profiledBegun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var profiledMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var profiled = Task.Run(async () =>
        {
            var scope = LineProfiler.Shared.BeginRequest("GET", "/chosen", null, RequestSelection.Sampled);
            var seen = new List<bool> { LineSink.FlowCollects };
            profiledBegun.SetResult();
            await Task.Yield();                                        // resumes on a pool thread
            seen.Add(LineSink.FlowCollects);
            seen.Add(await Task.Run(() => LineSink.FlowCollects));
            await profiledMayEnd.Task;
            seen.Add(LineSink.FlowCollects);
            Hit(s_first + 1, 10);
            scope.End(200);
            return seen;
        });

        await profiledBegun.Task;
        var unchosen = Task.Run(async () =>
        {
            var scope = LineProfiler.Shared.BeginRequest("GET", "/unchosen", null, RequestSelection.NotChosen);
            Assert.That(scope.IsProfiled, Is.False);
            var seen = new List<bool> { LineSink.AnyCollecting, LineSink.FlowCollects };
            await Task.Yield();
            seen.Add(LineSink.FlowCollects);
            seen.Add(await Task.Run(() => LineSink.FlowCollects));
            bool onThread = true;
            var thread = new Thread(() => onThread = LineSink.FlowCollects); // the context flows into a thread it starts
            thread.Start();
            thread.Join();
            seen.Add(onThread);
            Hit(s_first + 1, 7);
            scope.End(200, "/unchosen");
            return seen;
        });

        var unchosenSeen = await unchosen;
        profiledMayEnd.SetResult();
        var profiledSeen = await profiled;

        Assert.Multiple(() =>
        {
            Assert.That(unchosenSeen[0], Is.True, "a profiled request was in flight: something collects");
            Assert.That(unchosenSeen.Skip(1), Is.All.False, "the unchosen request's flow: at its start, after an await, in Task.Run, on a thread it started");
            Assert.That(profiledSeen, Is.All.True, "the profiled request's flow: at its start, after an await, in Task.Run, after waiting on the other");
            var report = LineProfiler.Shared.CreateReport();
            Assert.That(report.Requests.Single(r => r.Path == "/chosen").Lines.Single().Hits, Is.EqualTo(10));
            Assert.That(report.Requests.Any(r => r.Path == "/unchosen"), Is.False, "the unchosen request's hits counted nowhere");
        });
    }

    [Test]
    public async Task Work_outside_requests_collects_only_when_outside_requests_are_profiled()
    {
        var scope = LineProfiler.Shared.BeginRequest("GET", "/in-flight", null, RequestSelection.Sampled);
        try
        {
            Assert.That(LineSink.FlowCollects, Is.True);
            Assert.That(await Outside(() => LineSink.FlowCollects), Is.False, "outside requests are not profiled");

            LineProfiler.Shared.Configure(new LineProfilerOptions { WriteFiles = false, ProfileOutsideRequests = true });
            Assert.That(await Outside(() => LineSink.FlowCollects), Is.True, "outside requests are profiled now, on threads that ran before too");
        }
        finally
        {
            scope.End(200);
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pool thread with no request's context.</summary>
    private static Task<bool> Outside(Func<bool> work)
    {
        using (ExecutionContext.SuppressFlow()) return Task.Run(work);
    }

    private static void Hit(int line, int times)
    {
        var frame = new LineFrame();
        Probe.Enter(ref frame, line, s_first + Lines);
        for (int i = 0; i < times; i++) Probe.Hit(ref frame, line);
        Probe.Exit(ref frame);
    }
}
