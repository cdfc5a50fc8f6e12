using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Timing.Tests;

/// <summary>The time until a throw is charged to the throwing line and to every frame it unwinds; none stays open.</summary>
public sealed class ExceptionTimingTests
{
    [Test]
    public async Task A_line_that_throws_is_charged_the_time_until_the_throw()
    {
        var request = await Profiled.Request(ExceptionCases.LineThatThrows);
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("throwing-line").TimeNs.Ms(), Is.GreaterThanOrEqualTo(60));
            Assert.That(request.Line("after-throwing-line").TimeNs.Ms(), Is.GreaterThanOrEqualTo(10));
            Assert.That(request.Line("after-throwing-line").TimeNs, Is.LessThan(request.Line("throwing-line").TimeNs));
        });
    }

    [Test]
    public async Task An_exception_caught_three_frames_up_charges_every_frame_it_unwound_and_leaves_none_open()
    {
        var request = await Profiled.Request(ExceptionCases.CaughtThreeFramesUp);
        var twice = await Profiled.Request(() =>
        {
            ExceptionCases.CaughtThreeFramesUp();
            ExceptionCases.CaughtThreeFramesUp();
        });
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("frame-3-work").TimeNs.Ms(), Is.GreaterThanOrEqualTo(40));
            Assert.That(request.Line("frame-2").TimeNs.Ms(), Is.GreaterThanOrEqualTo(40), "the frame the exception passed through");
            Assert.That(request.Line("frame-1").TimeNs.Ms(), Is.GreaterThanOrEqualTo(40));
            Assert.That(request.Line("finally-line").TimeNs.Ms(), Is.GreaterThanOrEqualTo(25), "finally blocks are timed");
            Assert.That(request.Line("frame-0").TimeNs.Ms(), Is.GreaterThanOrEqualTo(65), "the catching frame's line includes the unwinding");
            Assert.That(request.Line("after-unwind").TimeNs.Ms(), Is.GreaterThanOrEqualTo(20));
            Assert.That(request.Line("after-unwind").TimeNs, Is.LessThan(request.Line("frame-0").TimeNs), "no frame left open keeps charging later lines");
            Assert.That(request.Method("Three").TimeNs.Ms(), Is.GreaterThanOrEqualTo(40));
            Assert.That(request.Method("Three").TimeNs, Is.LessThan(request.Method("One").TimeNs), "the thrower's frame closed at the throw, before One's finally");
            Assert.That(request.Method("One").TimeNs.Ms(), Is.GreaterThanOrEqualTo(65), "the unwound frame closed after its finally");
            Assert.That(request.Method("One").TimeNs, Is.LessThanOrEqualTo(request.Line("frame-0").TimeNs));
            Assert.That(twice.Method("Three").Calls, Is.EqualTo(2));
            Assert.That(twice.Method("Three").TimeNs.Ms(), Is.GreaterThanOrEqualTo(80),
                "the second call is not taken for a recursion of a first one left open");
        });
    }

    [Test]
    public async Task An_exception_filter_runs_before_the_finally_blocks_below_it_and_every_frame_still_closes()
    {
        var request = await Profiled.Request(() => Assert.That(ExceptionCases.Filtered(), Is.True));
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("filtered-call").TimeNs.Ms(), Is.GreaterThanOrEqualTo(40), "until the filter ran: the throw");
            Assert.That(request.Line("filter").TimeNs, Is.GreaterThanOrEqualTo(request.Line("finally-line").TimeNs),
                "the finally below ran while the filter's line was current");
            Assert.That(request.Method("Two").Calls, Is.EqualTo(1));
            Assert.That(request.Method("Two").TimeNs.Ms(), Is.GreaterThanOrEqualTo(40));
            Assert.That(request.Method("One").TimeNs, Is.GreaterThanOrEqualTo(request.Method("Two").TimeNs + request.Line("finally-line").TimeNs),
                "its finally ran in the second pass, then it closed");
        });
    }

    [Test]
    public async Task A_rethrow_charges_the_catch_block_and_the_frames_above()
    {
        var request = await Profiled.Request(ExceptionCases.Rethrows);
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("before-rethrow").TimeNs.Ms(), Is.GreaterThanOrEqualTo(15));
            Assert.That(request.Line("before-rethrow").TimeNs, Is.LessThan(request.Line("rethrow-call").TimeNs));
            Assert.That(request.Line("rethrow").Hits, Is.EqualTo(1));
            Assert.That(request.Line("rethrow-call").TimeNs.Ms(), Is.GreaterThanOrEqualTo(55));
        });
    }
}
