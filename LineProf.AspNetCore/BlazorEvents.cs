using System.Diagnostics;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Profiles each browser event of a Blazor Server circuit (a click, a change) as a unit of work of its own, kind
    /// "blazor", named by component and handler ("Counter.IncrementCount"): its handler, with every await, and the
    /// render it causes. It listens to the activities ASP.NET Core (10 and later) starts around each event it
    /// dispatches to a handler, from the <c>Microsoft.AspNetCore.Components</c> source that <c>AddRazorComponents</c>
    /// registers, with no change to the app's code.
    /// </summary>
    /// <remarks>
    /// The activity starts in the renderer's dispatch, on the flow that then calls the handler: a unit begun there
    /// holds the handler's lines, its continuations (each captures the flow as it awaits) and the render that follows
    /// it, and leaves the circuit call's flow when that returns. Only events dispatched inside a circuit call
    /// (<see cref="CircuitCall"/>) become units; a form posted to a statically rendered page stays in its request.
    /// Asking for the activity (propagation data only, nothing recorded) creates it when no tracer listens, so
    /// <see cref="Activity.Current"/> in a handler is the event's activity rather than the circuit connection's.
    /// </remarks>
    internal static class BlazorEvents
    {
        internal const string Kind = "blazor";

        private const string SourceName = "Microsoft.AspNetCore.Components";
        private const string HandleEvent = SourceName + ".HandleEvent";

        // The unit an event's activity began, found again when it stops (on whichever flow the handler ended).
        private const string UnitProperty = "LineProf.Unit";

        private static int s_listening;

        /// <summary>Starts listening, once per process (the profiler is the process's).</summary>
        internal static void Listen()
        {
            if (Interlocked.Exchange(ref s_listening, 1) != 0) return;
            ActivitySource.AddActivityListener(new ActivityListener
            {
                ShouldListenTo = source => source.Name == SourceName,
                Sample = Sample,
                ActivityStarted = Started,
                ActivityStopped = Stopped,
            });
        }

        private static ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options) =>
            options.Name == HandleEvent && Probe.Enabled && CircuitCall.Current != null
                ? ActivitySamplingResult.PropagationData
                : ActivitySamplingResult.None;

        private static void Started(Activity activity)
        {
            try
            {
                if (activity.OperationName != HandleEvent || CircuitCall.Current is not { } call) return;
                var work = LineProfiler.Shared.BeginWork(Kind, NameOf(activity.DisplayName));
                activity.SetCustomProperty(UnitProperty, new Event(work, call));
            }
            catch (Exception)
            {
                // Profiling an event must never break its dispatch.
            }
        }

        private static void Stopped(Activity activity)
        {
            try
            {
                if (activity.GetCustomProperty(UnitProperty) is not Event started) return;
                activity.SetCustomProperty(UnitProperty, null);
                started.Call.HandlerFinished(started.Work, OutcomeOf(activity));
            }
            catch (Exception)
            {
                // As above: the event's dispatch goes on whatever happens here.
            }
        }

        /// <summary>
        /// The unit's name from the activity's display name, which ASP.NET Core sets before starting it (its tags come
        /// after): "Event onclick -> BlazorApp.Components.Pages.Counter.IncrementCount" gives "Counter.IncrementCount".
        /// A lambda handler (<c>@onclick="() => count++"</c>) reads "Counter.(lambda)" rather than its compiler name.
        /// </summary>
        internal static string NameOf(string displayName)
        {
            const string Arrow = " -> ";
            int arrow = displayName.IndexOf(Arrow, StringComparison.Ordinal);
            var target = arrow < 0 ? displayName : displayName[(arrow + Arrow.Length)..];
            int dot = target.LastIndexOf('.');
            if (dot <= 0) return target;

            var method = target[(dot + 1)..];
            var type = target[..dot];
            int generic = type.IndexOfAny(['`', '[']);              // a generic component's full name lists its arguments
            if (generic >= 0) type = type[..generic];
            type = type[(type.LastIndexOf('.') + 1)..];
            return type + "." + (method.StartsWith('<') ? "(lambda)" : method);
        }

        private static WorkOutcome OutcomeOf(Activity activity)
        {
            if (activity.Status != ActivityStatusCode.Error) return WorkOutcome.Succeeded;
            var error = activity.GetTagItem("error.type") as string;
            return error is "System.OperationCanceledException" or "System.Threading.Tasks.TaskCanceledException"
                ? WorkOutcome.Cancelled
                : WorkOutcome.Failed;
        }

        private sealed record Event(WorkScope Work, CircuitCall Call);
    }
}
