using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Timing.Tests;

/// <summary>Each invocation keeps its own clock; methods' totals count recursion once; self time is what a line did itself.</summary>
public sealed class NestingTimingTests
{
    [Test]
    public async Task Each_recursive_invocation_keeps_its_own_clock_and_the_method_total_counts_recursion_once()
    {
        var request = await Profiled.Request(() => NestingCases.Recurses(4));
        var method = request.Method("Recurses");
        Assert.Multiple(() =>
        {
            var work = request.Line("recursive-work");
            Assert.That(work.Hits, Is.EqualTo(5));
            Assert.That(work.TimeNs.Ms(), Is.GreaterThanOrEqualTo(50), "5 invocations x 10 ms");
            Assert.That(method.Calls, Is.EqualTo(5));
            Assert.That(method.TimeNs, Is.InRange(work.TimeNs, work.TimeNs * 5 / 4),
                "the outermost invocation's time (the 5 x 10 ms), not 50 + 40 + 30 + 20 + 10");
            Assert.That(request.Line("recursive-call").SelfNs, Is.LessThan(work.TimeNs / 10), "the calls' time is in the deeper invocations");
        });
    }

    [Test]
    public async Task Async_recursion_is_counted_once_in_the_method_total()
    {
        var request = await Profiled.RequestAsync(() => NestingCases.RecursesAsync(3));
        var method = request.Method("RecursesAsync");
        Assert.Multiple(() =>
        {
            var work = request.Line("async-recursive-work");
            Assert.That(method.Calls, Is.EqualTo(4));
            Assert.That(method.TimeNs.Ms(), Is.GreaterThanOrEqualTo(4 * Profiled.DelayOf(20)), "4 awaits of 20 ms in a chain");
            Assert.That(method.TimeNs, Is.LessThan(work.TimeNs * 3 / 2), "the outermost invocation, not 80 + 60 + 40 + 20");
            Assert.That(method.TimeNs, Is.LessThanOrEqualTo(request.DurationNs));
        });
    }

    [Test]
    public async Task Re_entering_a_method_through_a_callback_counts_it_once()
    {
        var request = await Profiled.Request(NestingCases.ReentersThroughACallback);
        var visit = request.Method("Visit");
        Assert.Multiple(() =>
        {
            var work = request.Line("visit-work");
            Assert.That(visit.Calls, Is.EqualTo(2));
            Assert.That(visit.TimeNs, Is.InRange(work.TimeNs, work.TimeNs * 5 / 4), "the outer visit includes the inner one: 20 ms, not 30");
        });
    }

    [Test]
    public async Task Self_time_leaves_out_deeper_profiled_lines_and_adds_up_to_the_profiled_time()
    {
        NestingCases.Outer(); // outside any request: JIT-compiles the callees, whose compile time would be the caller's self time
        var request = await Profiled.Request(NestingCases.Outer);
        var outer = request.Method("Outer");
        long selfSum = request.Lines.Sum(l => l.SelfNs);
        Assert.Multiple(() =>
        {
            var call = request.Line("outer-call");
            Assert.That(call.TimeNs.Ms(), Is.GreaterThanOrEqualTo(80));
            Assert.That(call.SelfNs, Is.LessThan(call.TimeNs / 20), "Middle's and Inner's lines took that time");
            Assert.That(request.Line("middle-own").SelfNs.Ms(), Is.GreaterThanOrEqualTo(50));
            Assert.That(request.Line("middle-call").SelfNs, Is.LessThan(request.Line("middle-call").TimeNs / 20));
            Assert.That(request.Line("inner-own").SelfNs.Ms(), Is.GreaterThanOrEqualTo(30));
            Assert.That((double)selfSum, Is.EqualTo(outer.TimeNs).Within(2).Percent,
                "in synchronous code the lines' self times add up to the profiled time");
        });
    }

    [Test]
    public async Task An_awaiting_line_leaves_out_the_profiled_method_it_awaited()
    {
        await NestingCases.OuterAsync();
        var request = await Profiled.RequestAsync(NestingCases.OuterAsync);
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("outer-async-call").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(60) + 20));
            Assert.That(request.Line("outer-async-call").SelfNs, Is.LessThan(request.Line("outer-async-call").TimeNs / 4), "MiddleAsync's lines took the time");
            Assert.That(request.Line("middle-async-io").SelfNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(60)), "awaiting unprofiled I/O is self time");
            Assert.That(request.Line("middle-async-cpu").SelfNs.Ms(), Is.GreaterThanOrEqualTo(20));
        });
    }
}
