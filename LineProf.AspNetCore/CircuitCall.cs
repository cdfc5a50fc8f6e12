using Microsoft.AspNetCore.SignalR;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// One call of a Blazor Server circuit's hub (a browser event, a render acknowledged, a JS interop call), made
    /// current for the call's flow by <see cref="LineProfilerHubFilter"/>. A browser event dispatched during the call
    /// is profiled as a unit of its own (<see cref="BlazorEvents"/>); one whose handler finished while the call still
    /// runs ends with the call, so the render the event causes right after its handler counts for the event too.
    /// </summary>
    internal sealed class CircuitCall
    {
        private static readonly AsyncLocal<CircuitCall?> s_current = new();

        private readonly List<(WorkScope Work, WorkOutcome Outcome)> _finished = [];
        private bool _returned;

        /// <summary>The circuit call the calling flow belongs to, also after it returned (work it left running).</summary>
        internal static CircuitCall? Current => s_current.Value;

        /// <summary>Whether <paramref name="hub"/> is the hub of Blazor Server's circuits (an internal type of ASP.NET Core).</summary>
        internal static bool IsCircuitHub(Hub hub) =>
            hub.GetType().FullName == "Microsoft.AspNetCore.Components.Server.ComponentHub";

        /// <summary>Makes a new call current for the calling flow and everything it starts (the hub filter's own flow).</summary>
        internal static CircuitCall Begin()
        {
            var call = new CircuitCall();
            s_current.Value = call;
            return call;
        }

        /// <summary>
        /// An event whose handler finished: ended now if the call already returned, else when it returns (the render
        /// the handler asked for runs after it, on the call's flow).
        /// </summary>
        internal void HandlerFinished(WorkScope work, WorkOutcome outcome)
        {
            lock (_finished)
            {
                if (!_returned)
                {
                    _finished.Add((work, outcome));
                    return;
                }
            }

            work.End(outcome);
        }

        /// <summary>The hub call returned: ends the events whose handlers finished during it.</summary>
        internal void Returned()
        {
            (WorkScope Work, WorkOutcome Outcome)[] finished;
            lock (_finished)
            {
                _returned = true;
                finished = [.. _finished];
                _finished.Clear();
            }

            foreach (var (work, outcome) in finished) work.End(outcome);
        }
    }
}
