using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Profiles each SignalR hub method invocation as a unit of work of its own (kind "hub", named "ChatHub.Send"),
    /// instead of charging it to the long-lived connection request it arrives on. Registered for every hub of the app
    /// by <see cref="HubFilterSetup"/>, with no change to the app's code.
    /// </summary>
    internal sealed class LineProfilerHubFilter : IHubFilter
    {
        internal const string Kind = "hub";

        public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            var work = LineProfiler.Shared.BeginWork(Kind, invocationContext.Hub.GetType().Name + "." + invocationContext.HubMethodName);
            try
            {
                var result = await next(invocationContext);
                work.End(WorkOutcome.Succeeded);
                return result;
            }
            catch (OperationCanceledException)
            {
                work.End(WorkOutcome.Cancelled);
                throw;
            }
            catch
            {
                work.End(WorkOutcome.Failed);
                throw;
            }
        }
    }

    /// <summary>Adds <see cref="LineProfilerHubFilter"/> to every hub, when the app uses SignalR at all.</summary>
    internal sealed class HubFilterSetup : IConfigureOptions<HubOptions>
    {
        public void Configure(HubOptions options) => options.AddFilter(new LineProfilerHubFilter());
    }
}
