using LineProf.Collection;

namespace LineProf.Runtime.Tests;

/// <summary>Sampled mode's sampler costs nothing while no profiled work runs, and resumes when a request begins.</summary>
[TestFixture]
[NonParallelizable]
public sealed class IdleSamplerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public void With_nothing_profiled_running_the_sampler_parks_and_stops_waking_until_a_request_begins()
    {
        LineSampler.EnsureStarted();
        WaitFor(() => LineSampler.IsParked, "the sampler parks once nothing profiled runs");

        // Parked, it wakes at most once per ParkedCheck (1 s) instead of once per millisecond: over 300 ms of a
        // loaded machine, at most one check (a machine too loaded to run the sampler only makes it fewer).
        long parkings = LineSampler.Parkings;
        long before = LineSampler.WakeUps;
        Thread.Sleep(300);
        long woken = LineSampler.WakeUps - before;
        Assert.That(woken, Is.LessThanOrEqualTo(1), "wake-ups while parked");

        var request = new ActiveRequest("idle-test", "GET", "/");
        try
        {
            WaitFor(() => LineSampler.WakeUps > before + woken + 5, "a profiled request wakes the sampler, which samples again");
            Assert.That(LineSampler.Parkings, Is.LessThanOrEqualTo(parkings + 1), "it stays awake while the request is in flight");
        }
        finally
        {
            request.Complete(200, null);
        }

        WaitFor(() => LineSampler.Parkings > parkings && LineSampler.IsParked, "it parks again once the request ended");
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting: " + what);
            Thread.Sleep(5);
        }
    }
}
