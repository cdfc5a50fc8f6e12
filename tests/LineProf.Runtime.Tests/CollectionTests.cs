using System.Reflection;
using LineProf.Collection;
using LineProf.Reporting;

namespace LineProf.Runtime.Tests;

/// <summary>
/// How per-thread counters come together per request: exact under real threads, drained when a thread moves to
/// another request, and nothing counted for a request after it ended. Drives the probe directly, as woven code does.
/// </summary>
[NonParallelizable]
public sealed class CollectionTests
{
    private const int Lines = 8;
    private static int s_first;

    [OneTimeSetUp]
    public void RegisterLines()
    {
        LineProfiler.Shared.Configure(new LineProfilerOptions { WriteFiles = false, ProfileOutsideRequests = false, RecentRequests = 1000 });
        s_first = Probe.Register(typeof(CollectionTests), ProbeContract.Version, Lines);
    }

    [Test]
    public void Eight_threads_hitting_the_same_line_for_one_request_count_every_hit()
    {
        var scope = LineProfiler.Shared.BeginRequest("GET", "/threads");
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() => HitRepeatedly(s_first + 1, 100_000))).ToList();
        threads.ForEach(t => t.Start()); // ExecutionContext flows into new threads, so they work for the request
        threads.ForEach(t => t.Join());
        scope.End(200);

        Assert.That(Figures("/threads", s_first + 1).Hits, Is.EqualTo(800_000));
    }

    [Test]
    public async Task A_thread_that_moves_between_requests_gives_each_its_own_counts()
    {
        var gate = new SemaphoreSlim(0);
        var first = Task.Run(async () =>
        {
            var scope = LineProfiler.Shared.BeginRequest("GET", "/first");
            HitRepeatedly(s_first + 2, 1000);
            await gate.WaitAsync(); // suspended: the thread pool thread goes on to other work
            HitRepeatedly(s_first + 2, 500);
            scope.End(200);
        });
        var second = Task.Run(() =>
        {
            var scope = LineProfiler.Shared.BeginRequest("GET", "/second");
            HitRepeatedly(s_first + 2, 7);
            scope.End(200);
        });
        await second;
        gate.Release();
        await first;

        Assert.Multiple(() =>
        {
            Assert.That(Figures("/first", s_first + 2).Hits, Is.EqualTo(1500));
            Assert.That(Figures("/second", s_first + 2).Hits, Is.EqualTo(7));
        });
    }

    [Test]
    public void Lines_run_after_their_request_ended_are_not_counted_for_it()
    {
        var scope = LineProfiler.Shared.BeginRequest("GET", "/ended");
        var frame = new LineFrame();
        Probe.Enter(ref frame, s_first + 3, s_first + Lines);
        Probe.Hit(ref frame, s_first + 3);
        scope.End(200);
        for (int i = 0; i < 50; i++) Probe.Hit(ref frame, s_first + 3); // a frame still open when its request ended
        Probe.Exit(ref frame);

        var report = LineProfiler.Shared.CreateReport();
        Assert.That(Figures("/ended", s_first + 3).Hits, Is.EqualTo(1), "the request's figures were fixed when it ended");
        Assert.That(report.Requests.Single(r => r.Path == "/ended").Lines.Sum(l => l.Hits), Is.EqualTo(1));
    }

    [Test]
    public void A_line_still_running_when_its_request_ended_leaves_its_time_to_no_later_request_on_the_thread()
    {
        // As a request dropped at routing (its endpoint's own rate) while the app's middleware still ran its
        // `await next(context);`: the line is charged after its request took the thread's counts, and that time
        // must not wait there for the next request that runs the line on this thread.
        var ended = LineProfiler.Shared.BeginRequest("GET", "/ended-mid-line");
        var frame = new LineFrame();
        Probe.Enter(ref frame, s_first + 4, s_first + Lines);
        Probe.Hit(ref frame, s_first + 4);
        Probe.Hit(ref frame, s_first + 5);                           // the method's second line: listed by its hit only
        ended.End(200);
        Thread.Sleep(60);                                            // the line goes on running after the end
        Probe.Exit(ref frame);

        var next = LineProfiler.Shared.BeginRequest("GET", "/next-on-the-thread");
        var second = new LineFrame();
        Probe.Enter(ref second, s_first + 4, s_first + Lines);
        Probe.Hit(ref second, s_first + 4);
        Probe.Hit(ref second, s_first + 5);
        Probe.Exit(ref second);
        next.End(200);

        var request = LineProfiler.Shared.CreateReport().Requests.Single(r => r.Path == "/next-on-the-thread");
        var line = Figures("/next-on-the-thread", s_first + 5);
        Assert.Multiple(() =>
        {
            Assert.That(line.Hits, Is.EqualTo(1));
            Assert.That(line.TimeNs, Is.LessThanOrEqualTo(request.DurationNs), "the line ran inside its request");
            Assert.That(line.SelfNs, Is.LessThanOrEqualTo(request.Methods.Single(m => m.Method == $"(probe {s_first + 4})").TimeNs), "a line's self time within its method's");
        });
    }

    [Test]
    public void An_excluded_path_is_not_profiled_and_its_lines_count_nowhere()
    {
        var scope = LineProfiler.Shared.BeginRequest("GET", "/_lineprof/api/report");
        Assert.That(scope.IsProfiled, Is.False);
        HitRepeatedly(s_first + 4, 10);
        scope.End(200);
        Assert.That(LineProfiler.Shared.CreateReport().Requests.Any(r => r.Path.StartsWith("/_lineprof", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task Once_every_request_has_ended_nothing_counts_as_collecting_so_inert_probes_take_their_fast_path()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
        {
            var scope = LineProfiler.Shared.BeginRequest("GET", "/collecting/" + i);
            Assert.That(LineSink.AnyCollecting, Is.True);
            HitRepeatedly(s_first + 5, 3);
            scope.End(200);
        })));
        // The probe's calibration measures a call in the context of the first request, with a sink of its own that
        // collects for those few milliseconds; a leaked count never clears.
        Assert.That(() => LineSink.AnyCollecting, Is.False.After(10_000, 10),
            "no request left counted as collecting (outside requests are not profiled here)");
    }

    [Test]
    public void A_requests_line_and_the_endpoints_sum_read_the_same_when_a_hit_measured_less_than_the_probes_cost()
    {
        // The clock can read one hit's interval shorter than the probe's own cost, which reports take off: such a
        // request reads 0 there, and its endpoint must not take the shortfall off another request's time.
        int line = s_first + 6;
        long perHit = ProbeCalibration.PerHitTicks;
        Assume.That(perHit, Is.GreaterThan(10), "the probe's measured cost, in ticks");
        foreach (var (path, ticks) in new[] { ("/floor/a", perHit - 10), ("/floor/b", perHit + 10) })
        {
            var scope = LineProfiler.Shared.BeginRequest("GET", path);
            var frame = new LineFrame();
            Probe.Enter(ref frame, line, s_first + Lines);
            Probe.Hit(ref frame, line);
            Probe.Exit(ref frame);
            ref var figures = ref frame.Counters!.Lines[line];
            figures.Ticks = figures.SelfTicks = ticks;  // what the clock measured for the one hit
            scope.End(200);
        }

        var report = LineProfiler.Shared.CreateReport();
        long requests = report.Requests.Where(r => r.Path.StartsWith("/floor/", StringComparison.Ordinal))
            .Sum(r => r.Lines.Single(l => l.Method == $"(probe {line})").TimeNs);
        long total = report.Lines.Single(l => l.Method == $"(probe {line})").TimeNs;
        Assert.That(total, Is.EqualTo(requests).And.GreaterThan(0));
    }

    [Test]
    public void A_unit_ended_if_it_ran_is_recorded_only_when_it_ran_a_line()
    {
        // A Blazor circuit's hub calls are mostly Blazor's own plumbing: one that ran none of the app's lines is no unit.
        var name = "if-it-ran-" + Guid.NewGuid().ToString("N")[..8];
        Task.Run(() => LineProfiler.Shared.BeginWork("hub", name + "-idle").EndIfItRan(WorkOutcome.Succeeded)).Wait();
        Task.Run(() =>
        {
            var work = LineProfiler.Shared.BeginWork("hub", name + "-busy");
            HitRepeatedly(s_first + 7, 3);
            work.EndIfItRan(WorkOutcome.Succeeded);
        }).Wait();
        Task.Run(() => LineProfiler.Shared.BeginWork("hub", name + "-ended").End(WorkOutcome.Succeeded)).Wait();

        var endpoints = LineProfiler.Shared.CreateReport().Endpoints.Where(e => e.Name.StartsWith("hub " + name, StringComparison.Ordinal));
        Assert.That(endpoints.Select(e => (e.Name, e.Count)), Is.EquivalentTo(new[] { ("hub " + name + "-busy", 1L), ("hub " + name + "-ended", 1L) }),
            "End records a unit that ran nothing; EndIfItRan does not");
    }

    private static void HitRepeatedly(int line, int times)
    {
        var frame = new LineFrame();
        Probe.Enter(ref frame, line, s_first + Lines);
        for (int i = 0; i < times; i++) Probe.Hit(ref frame, line);
        Probe.Exit(ref frame);
    }

    /// <summary>Figures by probe id: these probes were registered without a line map, so they resolve to "(probe N)".</summary>
    private static RequestLine Figures(string path, int probe) =>
        LineProfiler.Shared.CreateReport().Requests.Single(r => r.Path == path).Lines.Single(l => l.Method == $"(probe {probe})");
}
