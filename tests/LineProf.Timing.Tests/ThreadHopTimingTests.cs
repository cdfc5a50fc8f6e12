using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Timing.Tests;

/// <summary>
/// A method's time, request by request, when an async method goes on on other threads than it began on: it is
/// counted in its own request, never zero, never carried into the next one.
/// </summary>
public sealed class ThreadHopTimingTests
{
    [Test]
    public async Task A_method_that_ends_on_another_thread_than_it_began_has_its_time_in_each_of_its_requests()
    {
        for (int i = 0; i < 3; i++)
        {
            var request = await Profiled.RequestAsync(() => ThreadHopCases.On(Lane.A, ThreadHopCases.EndsOnAnotherThread));
            ThreadHops.AssertMethodTime(request, "EndsOnAnotherThread", atLeastMs: Profiled.DelayOf(40) + 15);
        }
    }

    [Test]
    public async Task A_method_resumed_and_finished_before_its_suspending_thread_returns_keeps_its_time_in_later_requests()
    {
        for (int i = 0; i < 3; i++)
        {
            var request = await Profiled.RequestAsync(() => ThreadHopCases.On(Lane.B, ThreadHopCases.EndsBeforeTheSuspendingThreadReturns));
            ThreadHops.AssertMethodTime(request, "EndsBeforeTheSuspendingThreadReturns", atLeastMs: Profiled.DelayOf(40) + 20);
        }
    }
}
