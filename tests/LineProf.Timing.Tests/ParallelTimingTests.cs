using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Timing.Tests;

/// <summary>Work a request starts on other threads counts for it, exactly, with each flow's time summed.</summary>
public sealed class ParallelTimingTests
{
    [Test]
    public async Task Fifty_concurrent_awaits_count_fifty_hits_and_sum_the_time_of_every_flow()
    {
        var request = await Profiled.RequestAsync(ParallelCases.AwaitsFiftyAtOnce);
        var body = request.Line("fifty-body");
        Assert.Multiple(() =>
        {
            Assert.That(body.Hits, Is.EqualTo(50));
            Assert.That(body.TimeNs.Ms(), Is.GreaterThanOrEqualTo(50 * Profiled.DelayOf(100)), "each of the 50 flows waited 100 ms on the line");
            Assert.That(body.TimeNs, Is.GreaterThan(request.DurationNs), "summed time can exceed the request's wall time");
            Assert.That(request.Line("when-all").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(100)));
        });
    }

    [Test]
    public async Task Parallel_For_counts_every_iteration_exactly()
    {
        var request = await Profiled.Request(() => Assert.That(ParallelCases.RunsParallelFor(20_000), Is.EqualTo(20_000)));
        Assert.That(request.Line("parallel-for-body").Hits, Is.EqualTo(20_000));
    }

    [Test]
    public async Task Parallel_ForEachAsync_counts_every_item_exactly()
    {
        var request = await Profiled.RequestAsync(() => ParallelCases.RunsParallelForEachAsync(200));
        Assert.That(request.Line("for-each-async-body").Hits, Is.EqualTo(200));
    }

    [Test]
    public async Task Task_Run_chains_count_for_the_request_that_started_them()
    {
        var request = await Profiled.RequestAsync(async () => Assert.That(await ParallelCases.RunsTaskRunChains(), Is.EqualTo(190)));
        Assert.That(request.Line("task-run-body").Hits, Is.EqualTo(20));
    }

    [Test]
    public async Task Concurrent_requests_running_the_same_parallel_loop_keep_exact_separate_counts()
    {
        var requests = await Task.WhenAll(Enumerable.Range(1, 4).Select(n =>
            Task.Run(() => Profiled.Request(() => ParallelCases.RunsParallelFor(n * 5_000)))));
        Assert.That(requests.Select(r => r.Line("parallel-for-body").Hits), Is.EqualTo(new long[] { 5_000, 10_000, 15_000, 20_000 }));
    }
}
