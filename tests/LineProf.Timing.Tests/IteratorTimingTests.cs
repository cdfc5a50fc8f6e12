using LineProf.TimingCases;

namespace LineProf.Timing.Tests;

/// <summary>Producing an item is the iterator's time; waiting at a yield for the consumer is not.</summary>
public sealed class IteratorTimingTests
{
    [Test]
    public async Task An_iterator_is_charged_for_producing_items_but_not_while_suspended_at_yield()
    {
        var request = await Profiled.Request(() => Assert.That(IteratorCases.ConsumesIterator(), Is.EqualTo(3)));
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("produce-work").TimeNs.Ms(), Is.InRange(60, 300), "3 items x 20 ms, none of the consumer's 3 x 300 ms");
            Assert.That(request.Line("yield").TimeNs.Ms(), Is.LessThan(150), "the consumer's 300 ms per item is not the yield's");
            Assert.That(request.Method("Produce").TimeNs.Ms(), Is.InRange(60, 300));
            Assert.That(request.Line("consume-foreach").SelfNs.Ms(), Is.LessThan(30), "producing (60 ms) was the iterator's time");
            Assert.That(request.Line("consumer-work").TimeNs.Ms(), Is.GreaterThanOrEqualTo(900));
        });
    }

    [Test]
    public async Task An_async_iterator_is_charged_for_its_awaits_but_not_while_suspended_at_yield()
    {
        var request = await Profiled.RequestAsync(async () => Assert.That(await IteratorCases.ConsumesAsyncIterator(), Is.EqualTo(3)));
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("produce-await").TimeNs.Ms(), Is.InRange(3 * Profiled.DelayOf(100), 600), "3 awaits of 100 ms, none of the consumer's 3 x 300 ms");
            Assert.That(request.Line("async-yield").TimeNs.Ms(), Is.LessThan(150));
            Assert.That(request.Line("async-consumer-work").TimeNs.Ms(), Is.GreaterThanOrEqualTo(900));
            Assert.That(request.Line("consume-await-foreach").SelfNs.Ms(), Is.LessThan(150), "the items' 3 x 100 ms awaits were the iterator's");
        });
    }

    [Test]
    public async Task An_iterator_abandoned_after_one_item_runs_its_finally_and_charges_nothing_more()
    {
        var request = await Profiled.Request(() => Assert.That(IteratorCases.AbandonsIterator(), Is.EqualTo(1)));
        Assert.Multiple(() =>
        {
            Assert.That(request.HasLine("never-reached"), Is.False);
            Assert.That(request.Line("iterator-finally").TimeNs.Ms(), Is.InRange(15, 100), "disposing ran the finally block");
            Assert.That(request.Line("abandoned-yield").TimeNs.Ms(), Is.LessThan(20), "the frame closed when MoveNext returned");
        });
    }
}
