using LineProf.Collection;

namespace LineProf.Runtime.Tests;

/// <summary>Memory stays bounded: the most recent and the slowest requests are kept, the rest only summed.</summary>
public sealed class RetentionTests
{
    [Test]
    public void The_store_keeps_the_most_recent_and_the_slowest_requests_and_sums_them_all()
    {
        var store = new ResultsStore(new RetentionLimits(recent: 10, slowest: 5));
        var lines = new[] { new LineSample(1, new LineCounter { Hits = 2, Ticks = 10 }) };
        for (int i = 0; i < 1000; i++)
            store.Add(new RequestProfile(i.ToString(), "GET", "/r", "/r", 200, DateTime.UtcNow, durationTicks: i % 100 == 7 ? 1_000_000 + i : i, lines));

        var snapshot = store.Snapshot();
        var kept = snapshot.Requests.Select(r => int.Parse(r.Id)).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.RequestCount, Is.EqualTo(1000));
            Assert.That(kept, Is.SupersetOf(Enumerable.Range(990, 10)), "the 10 most recent");
            Assert.That(kept, Is.SupersetOf(new[] { 507, 607, 707, 807, 907 }), "the 5 slowest");
            Assert.That(kept, Has.Count.EqualTo(15));
            Assert.That(snapshot.Lines.Single().Hits, Is.EqualTo(2000), "every request is summed, retained or not");
            Assert.That(snapshot.Endpoints.Single().Count, Is.EqualTo(1000));
        });
    }

    [TestCase(false, new[] { "with lines" })]
    [TestCase(true, new[] { "with lines", "without lines" })]
    public void Requests_that_ran_no_line_count_in_their_endpoint_and_are_kept_only_when_asked(bool keepWithoutLines, string[] kept)
    {
        var store = new ResultsStore(new RetentionLimits(recent: 10, slowest: 10, keepWithoutLines));
        var lines = new[] { new LineSample(1, new LineCounter { Hits = 1, Ticks = 10 }) };
        store.Add(new RequestProfile("with lines", "GET", "/r", "/r", 200, DateTime.UtcNow, 5, lines));
        store.Add(new RequestProfile("without lines", "GET", "/r", "/r", 200, DateTime.UtcNow, 50, Array.Empty<LineSample>()));

        var snapshot = store.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Requests.Select(r => r.Id), Is.EquivalentTo(kept));
            Assert.That((snapshot.RequestCount, snapshot.Endpoints.Single().Count, snapshot.Endpoints.Single().MaxTicks), Is.EqualTo((2L, 2L, 50L)));
        });
    }

    [Test]
    public void Endpoint_percentiles_are_exact_below_the_sample_size()
    {
        var stats = new EndpointStats("GET /x", new EndpointRules(0, keepWarmUpInPercentiles: false));
        for (int i = 1; i <= 100; i++)
            stats.Add(new RequestProfile("", "GET", "/x", "/x", 200, DateTime.UtcNow, i, Array.Empty<LineSample>()));
        Assert.Multiple(() =>
        {
            Assert.That(stats.Percentile(50), Is.EqualTo(50));
            Assert.That(stats.Percentile(95), Is.EqualTo(95));
            Assert.That(stats.MaxTicks, Is.EqualTo(100));
        });
    }

    [Test]
    public void Endpoints_beyond_the_limit_are_summed_together_so_hostile_paths_cannot_exhaust_memory()
    {
        var store = new ResultsStore(new RetentionLimits(0, 0));
        for (int i = 0; i < ResultsStore.MaxEndpoints + 500; i++)
            store.Add(new RequestProfile("", "GET", "/random/" + i, endpoint: null, 404, DateTime.UtcNow, 1, Array.Empty<LineSample>()));
        var methodsAndPaths = Enumerable.Range(0, 10).Select(i => new RequestProfile("", "M" + i, "/", "/p" + i, 200, DateTime.UtcNow, 1, Array.Empty<LineSample>()));
        foreach (var request in methodsAndPaths) store.Add(request);
        Assert.That(store.Snapshot().Endpoints.Length, Is.LessThanOrEqualTo(ResultsStore.MaxEndpoints));
    }
}
