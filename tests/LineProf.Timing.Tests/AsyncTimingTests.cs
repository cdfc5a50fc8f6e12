using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Timing.Tests;

/// <summary>The wall time of an await goes to the awaiting line, however the awaited work completes.</summary>
public sealed class AsyncTimingTests
{
    [Test]
    public async Task An_asynchronous_await_is_charged_to_the_awaiting_line_and_the_next_line_starts_at_resumption()
    {
        var request = await Profiled.RequestAsync(AsyncCases.AwaitsAsynchronously);
        var awaiting = request.Line("await-async");
        var after = request.Line("after-await");
        Assert.Multiple(() =>
        {
            Assert.That(awaiting.TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(200)), "the await's wall time");
            Assert.That(awaiting.SelfNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(200)), "Task.Delay is not profiled, so the wait is the line's own");
            Assert.That(after.TimeNs.Ms(), Is.GreaterThanOrEqualTo(30));
            Assert.That(after.TimeNs, Is.LessThan(awaiting.TimeNs), "the next line's clock starts when the method resumes, not at the await");
            Assert.That(awaiting.Hits, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_await_on_the_synchronous_fast_path_is_charged_to_the_awaiting_line()
    {
        var request = await Profiled.RequestAsync(AsyncCases.AwaitsTheFastPath);
        var awaiting = request.Line("await-fast");
        Assert.Multiple(() =>
        {
            Assert.That(awaiting.TimeNs.Ms(), Is.GreaterThanOrEqualTo(150));
            Assert.That(awaiting.SelfNs, Is.LessThan(request.Line("fast-spin").SelfNs / 2), "the synchronous callee's line took the time");
            Assert.That(request.Line("fast-spin").SelfNs.Ms(), Is.GreaterThanOrEqualTo(150));
        });
    }

    [Test]
    public async Task An_await_with_ConfigureAwait_false_is_charged_to_its_line_whatever_thread_resumes()
    {
        var request = await Profiled.RequestAsync(AsyncCases.AwaitsWithConfigureAwaitFalse);
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("await-cafalse").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(200)));
            Assert.That(request.Line("after-cafalse").TimeNs.Ms(), Is.GreaterThanOrEqualTo(30));
            Assert.That(request.Line("after-cafalse").TimeNs, Is.LessThan(request.Line("await-cafalse").TimeNs));
        });
    }

    [Test]
    public async Task An_await_that_faults_is_charged_to_the_awaiting_line_and_closes_the_failed_method()
    {
        var request = await Profiled.RequestAsync(AsyncCases.AwaitsAFault);
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("await-fault").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(150)));
            Assert.That(request.Line("async-throw").Hits, Is.EqualTo(1));
            Assert.That(request.Line("fault-caught").TimeNs.Ms(), Is.GreaterThanOrEqualTo(20));
            Assert.That(request.Line("fault-caught").TimeNs, Is.LessThan(request.Line("await-fault").TimeNs), "the catch block's line has its own clock");
            Assert.That(request.Method("FailsAfter").Calls, Is.EqualTo(1));
            Assert.That(request.Method("FailsAfter").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(150)), "the faulted method's frame closed at its SetException");
            Assert.That(request.Method("FailsAfter").TimeNs, Is.LessThanOrEqualTo(request.Line("await-fault").TimeNs));
        });
    }

    [Test]
    public async Task Task_of_T_ValueTask_ValueTask_of_T_and_a_pooling_builder_are_all_timed()
    {
        var request = await Profiled.RequestAsync(async () =>
        {
            Assert.That(await AsyncCases.ReturnsTaskOfT(), Is.EqualTo(42));
            await AsyncCases.AwaitsValueTask();
            Assert.That(await AsyncCases.ReturnsValueTaskOfT(), Is.EqualTo(7));
            Assert.That(await AsyncCases.UsesAPoolingBuilder(), Is.EqualTo(9));
        });
        Assert.Multiple(() =>
        {
            foreach (var marker in new[] { "task-of-t", "value-task", "value-task-of-t", "pooling-builder" })
            {
                Assert.That(request.Line(marker).Hits, Is.EqualTo(1), marker);
                Assert.That(request.Line(marker).TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(100)), marker);
            }
        });
    }

    [Test]
    public async Task An_async_void_method_is_timed_and_counts_for_the_request_that_started_it()
    {
        var request = await Profiled.RequestAsync(async () =>
        {
            var done = new TaskCompletionSource();
            AsyncCases.RunsAsyncVoid(done);
            await done.Task;
        });
        Assert.That(request.Line("async-void").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(100)));
    }

    [Test]
    public async Task A_continuation_run_inline_by_the_completing_method_is_not_charged_to_that_method()
    {
        var request = await Profiled.RequestAsync(AsyncCases.ResumesInlineAfterCompleter);
        Assert.Multiple(() =>
        {
            Assert.That(request.Line("after-completer").TimeNs.Ms(), Is.GreaterThanOrEqualTo(300));
            Assert.That(request.Line("completer-last").TimeNs, Is.LessThan(request.Line("after-completer").TimeNs / 2),
                "the completing method's last line stops before its continuation (300 ms) runs");
            Assert.That(request.Method("CompletesLater").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(150)));
            Assert.That(request.Method("CompletesLater").TimeNs, Is.LessThan(request.Line("after-completer").TimeNs));
            Assert.That(request.Line("await-completer").SelfNs, Is.LessThan(request.Method("CompletesLater").TimeNs / 2),
                "the profiled callee handed its duration to the awaiting line");
        });
    }

    [Test]
    public async Task Two_overlapping_requests_awaiting_on_the_same_line_keep_separate_figures()
    {
        var quick = Profiled.RequestAsync(() => AsyncCases.AwaitsSharedLine(100));
        var slow = Profiled.RequestAsync(() => AsyncCases.AwaitsSharedLine(300));
        var requests = await Task.WhenAll(quick, slow);
        Assert.Multiple(() =>
        {
            Assert.That(requests[0].Line("shared-await").Hits, Is.EqualTo(1));
            Assert.That(requests[1].Line("shared-await").Hits, Is.EqualTo(1));
            Assert.That(requests[0].Line("shared-await").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(100)));
            Assert.That(requests[1].Line("shared-await").TimeNs.Ms(), Is.GreaterThanOrEqualTo(Profiled.DelayOf(300)));
            Assert.That(requests[0].Line("shared-await").TimeNs, Is.LessThan(requests[1].Line("shared-await").TimeNs * 3 / 4),
                "the quick request's line did not get the slow one's wait");
        });
    }
}
