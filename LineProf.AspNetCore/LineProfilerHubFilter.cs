using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Profiles each SignalR hub method invocation as a unit of work of its own (kind "hub", named "ChatHub.Send"),
    /// instead of charging it to the long-lived connection request it arrives on. Registered for every hub of the app
    /// by <see cref="HubFilterSetup"/>, with no change to the app's code.
    /// </summary>
    /// <remarks>
    /// A Blazor Server circuit's hub is one of them, and most of its calls are Blazor's own plumbing (an acknowledged
    /// render, a browser event's dispatch): such a call is recorded only when it ran some of the app's lines outside
    /// the events it dispatched (an <c>OnAfterRender</c>, a JS-invokable method), which are units of their own
    /// (<see cref="BlazorEvents"/>). So a click is one unit, named by its handler, not two.
    /// </remarks>
    internal sealed class LineProfilerHubFilter : IHubFilter
    {
        internal const string Kind = "hub";

        public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            var circuit = CircuitCall.IsCircuitHub(invocationContext.Hub) ? CircuitCall.Begin() : null;
            var work = LineProfiler.Shared.BeginWork(Kind, invocationContext.Hub.GetType().Name + "." + invocationContext.HubMethodName);
            var outcome = WorkOutcome.Failed;
            try
            {
                var result = await next(invocationContext);
                outcome = WorkOutcome.Succeeded;
                return result;
            }
            catch (OperationCanceledException)
            {
                outcome = WorkOutcome.Cancelled;
                throw;
            }
            finally
            {
                if (circuit == null)
                {
                    work.End(outcome);
                }
                else
                {
                    circuit.Returned();
                    work.EndIfItRan(outcome);
                }
            }
        }
    }

    /// <summary>Adds <see cref="LineProfilerHubFilter"/> to every hub, when the app uses SignalR at all.</summary>
    internal sealed class HubFilterSetup : IConfigureOptions<HubOptions>
    {
        public void Configure(HubOptions options) => options.AddFilter(new LineProfilerHubFilter());
    }
}
