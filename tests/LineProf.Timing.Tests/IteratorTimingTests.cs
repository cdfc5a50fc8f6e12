using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Timing.Tests;

/// <summary>Producing an item is the iterator's time; waiting at a yield for the consumer is not.</summary>
public sealed class IteratorTimingTests
{
    [Test]
    public async Task An_iterator_is_charged_for_producing_items_but_not_while_suspended_at_yield()
    {
        IteratorCases.ConsumesIterator(items: 1, consumerMilliseconds: 0); // JIT-compiles the iterator outside the request
        var request = await Profiled.Request(() => Assert.That(IteratorCases.ConsumesIterator(), Is.EqualTo(3)));
        Assert.Multiple(() =>
        {
            var consumer = request.Line("consumer-work").TimeNs;
            Assert.That(consumer.Ms(), Is.GreaterThanOrEqualTo(900));
            Assert.That(request.Line("produce-work").TimeNs.Ms(), Is.GreaterThanOrEqualTo(60), "3 items x 20 ms");
            Assert.That(request.Line("produce-work").TimeNs, Is.LessThan(consumer / 3), "none of the consumer's 3 x 300 ms");
            Assert.That(request.Line("yield").TimeNs, Is.LessThan(consumer / 3), "the consumer's time is not the yield's");
            Assert.That(request.Method("Produce").TimeNs, Is.LessThan(consumer / 3));
            Assert.That(request.Line("consume-foreach").SelfNs, Is.LessThan(request.Line("produce-work").TimeNs / 2),
                "producing was the iterator's time");
        });
    }

    [Test]
    public async Task An_async_iterator_is_charged_for_its_awaits_but_not_while_suspended_at_yield()
    {
        await IteratorCases.ConsumesAsyncIterator(items: 1, consumerMilliseconds: 0);
        var request = await Profiled.RequestAsync(async () => Assert.That(await IteratorCases.ConsumesAsyncIterator(), Is.EqualTo(3)));
        Assert.Multiple(() =>
        {
            var consumer = request.Line("async-consumer-work").TimeNs;
            Assert.That(consumer.Ms(), Is.GreaterThanOrEqualTo(900));
            Assert.That(request.Line("produce-await").TimeNs.Ms(), Is.GreaterThanOrEqualTo(3 * Profiled.DelayOf(100)));
            Assert.That(request.Line("produce-await").TimeNs, Is.LessThan(consumer * 2 / 3), "none of the consumer's 3 x 300 ms");
            Assert.That(request.Line("async-yield").TimeNs, Is.LessThan(consumer / 3));
            Assert.That(request.Line("consume-await-foreach").SelfNs, Is.LessThan(request.Line("produce-await").TimeNs / 2),
                "the items' awaits were the iterator's");
        });
    }

    [Test]
    public async Task An_iterator_abandoned_after_one_item_runs_its_finally_and_charges_nothing_more()
    {
        var request = await Profiled.Request(() => Assert.That(IteratorCases.AbandonsIterator(), Is.EqualTo(1)));
        Assert.Multiple(() =>
        {
            Assert.That(request.HasLine("never-reached"), Is.False);
            Assert.That(request.Line("iterator-finally").TimeNs.Ms(), Is.GreaterThanOrEqualTo(15), "disposing ran the finally block");
            Assert.That(request.Line("abandoned-yield").TimeNs, Is.LessThan(request.Line("iterator-finally").TimeNs),
                "the frame closed when MoveNext returned, before the consumer disposed it");
        });
    }
}
