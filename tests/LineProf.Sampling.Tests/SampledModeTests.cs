using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Sampling.Tests;

[SetUpFixture]
public sealed class SampledModeSetup
{
    [OneTimeSetUp]
    public void ConfigureSampledMode() => InProcessProfiling.Configure(profileOutsideRequests: false, ProfilingModes.Sampled);
}

/// <summary>Sampled mode keeps hits exact, gets shares of time right, and keeps awaits exact.</summary>
public sealed class SampledModeTests
{
    [Test]
    public async Task Sampled_shares_of_time_are_within_5_points_of_the_truth_over_100_requests()
    {
        SampledShares.Run(); // compiled before measuring
        SampledShares.Reset();
        var requests = new List<Reporting.RequestReport>();
        for (int i = 0; i < 100; i++) requests.Add(await Profiled.Request(SampledShares.Run));

        var sampled = new[] { "share-sleep-long", "share-spin", "share-sleep-short" }
            .Select(marker => (double)requests.Sum(r => r.Line(marker).TimeNs)).ToArray();
        var measured = SampledShares.Measured;
        var truth = new[] { (double)measured.SleepLong, measured.Spin, measured.SleepShort };
        var sampledShares = sampled.Select(t => 100 * t / sampled.Sum()).ToArray();
        var trueShares = truth.Select(t => 100 * t / truth.Sum()).ToArray();

        var report = LineProfiler.Shared.CreateReport();
        Assert.Multiple(() =>
        {
            Assert.That(report.Mode, Is.EqualTo("sampled"));
            Assert.That(report.SampleIntervalNs, Is.InRange(500_000, 20_000_000), "about a millisecond, as documented");
            for (int i = 0; i < 3; i++)
                Assert.That(sampledShares[i], Is.EqualTo(trueShares[i]).Within(5), $"line {i}: sampled {sampledShares[i]:F1}% vs true {trueShares[i]:F1}%");
            Assert.That(requests.Sum(r => r.Line("share-spin").Hits), Is.EqualTo(100), "hits stay exact");
            Assert.That(requests[0].Line("share-sleep-long").TimeErrorNs, Is.GreaterThan(0), "each figure carries its expected error");
        });
    }

    [Test]
    public async Task Hits_stay_exact_under_parallelism()
    {
        var request = await Profiled.Request(() => ParallelCases.RunsParallelFor(20_000));
        Assert.That(request.Line("parallel-for-body").Hits, Is.EqualTo(20_000));
    }

    [Test]
    public async Task An_await_is_timed_exactly_from_suspension_to_resumption()
    {
        var request = await Profiled.RequestAsync(AsyncCases.AwaitsAsynchronously);
        var awaiting = request.Line("await-async");
        Assert.Multiple(() =>
        {
            Assert.That(awaiting.TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(200)), "the suspension is measured, not sampled");
            Assert.That(awaiting.TimeNs.Ms(), Is.LessThan(request.DurationNs.Ms()));
            Assert.That(awaiting.Hits, Is.EqualTo(1));
            Assert.That(request.Line("after-await").TimeNs.Ms(), Is.GreaterThan(10), "the line after it is sampled: 30 ms of blocking");
        });
    }

    [Test]
    public async Task An_awaiting_line_leaves_out_the_profiled_method_it_awaited_in_sampled_mode_too()
    {
        await NestingCases.OuterAsync();
        var request = await Profiled.RequestAsync(NestingCases.OuterAsync);
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("outer-async-call").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(60)));
            Assert.That(request.Line("outer-async-call").SelfNs, Is.LessThan(request.Line("outer-async-call").TimeNs / 4));
            Assert.That(request.Line("middle-async-io").SelfNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(60)));
        });
    }

    [Test]
    public async Task A_recursive_method_total_counts_its_outermost_invocation_once()
    {
        var request = await Profiled.Request(() => NestingCases.Recurses(4));
        var work = request.Line("recursive-work");
        var method = request.Method("Recurses");
        Assert.Multiple(() =>
        {
            Assert.That(method.Calls, Is.EqualTo(5));
            Assert.That(work.Hits, Is.EqualTo(5));
            Assert.That(method.TimeNs, Is.LessThan(work.TimeNs * 3 / 2), "not 50 + 40 + 30 + 20 + 10");
            Assert.That(method.TimeNs.Ms(), Is.GreaterThan(35), "about 50 ms, sampled");
        });
    }
}

/// <summary>Method times per request in sampled mode when an async method changes threads, as in exact mode.</summary>
public sealed class SampledThreadHopTests
{
    [Test]
    public async Task A_method_that_ends_on_another_thread_than_it_began_has_its_time_in_each_of_its_requests()
    {
        for (int i = 0; i < 3; i++)
        {
            var request = await Profiled.RequestAsync(() => ThreadHopCases.On(Lane.A, ThreadHopCases.EndsOnAnotherThread));
            ThreadHops.AssertMethodTime(request, "EndsOnAnotherThread", atLeastMs: Profiled.DelayOf(40)); // the await, measured exactly; the sleeps are sampled
        }
    }

    [Test]
    public async Task A_method_resumed_and_finished_before_its_suspending_thread_returns_keeps_its_time_in_later_requests()
    {
        for (int i = 0; i < 3; i++)
        {
            var request = await Profiled.RequestAsync(() => ThreadHopCases.On(Lane.B, ThreadHopCases.EndsBeforeTheSuspendingThreadReturns));
            ThreadHops.AssertMethodTime(request, "EndsBeforeTheSuspendingThreadReturns", atLeastMs: Profiled.DelayOf(40)); // the awaits, measured exactly
        }
    }
}
