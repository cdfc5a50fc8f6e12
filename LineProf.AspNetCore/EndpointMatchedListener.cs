using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Hears routing choose a request's endpoint. ASP.NET Core's routing middleware announces the match on its
    /// DiagnosticListener (<c>Microsoft.AspNetCore.Routing.EndpointMatched</c>, the HttpContext as payload) wherever the
    /// app put <c>UseRouting</c>, synchronously and just before it calls the rest of the pipeline: a scope made current
    /// here is the one the endpoint's own code runs in. Subscribed only once an endpoint has a rate of its own, so apps
    /// without one pay nothing for it.
    /// </summary>
    internal sealed class EndpointMatchedListener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        internal const string ListenerName = "Microsoft.AspNetCore";
        internal const string EndpointMatched = "Microsoft.AspNetCore.Routing.EndpointMatched";

        private static readonly object s_pendingKey = new object();
        private static int s_subscribed;

        private EndpointMatchedListener()
        {
        }

        /// <summary>Has <paramref name="pending"/> decided once routing matches <paramref name="context"/>'s endpoint.</summary>
        internal static void DecideWhenRouted(HttpContext context, EndpointSelection pending)
        {
            if (Interlocked.Exchange(ref s_subscribed, 1) == 0) DiagnosticListener.AllListeners.Subscribe(new EndpointMatchedListener());
            context.Items[s_pendingKey] = pending;
        }

        public void OnNext(DiagnosticListener listener)
        {
            // Hosting asks this listener whether anyone wants its other events; the predicate says no to all but one.
            if (listener.Name == ListenerName) listener.Subscribe(this, name => name == EndpointMatched);
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            try
            {
                if (value.Key != EndpointMatched || value.Value is not HttpContext context) return;
                if (!context.Items.TryGetValue(s_pendingKey, out var pending)) return;
                context.Items.Remove(s_pendingKey); // a re-executed pipeline (an error page) is routed again: the first match decides
                ((EndpointSelection)pending!).Decide(context);
            }
            catch (Exception)
            {
                // The profiler never fails a request: the decision made as it began stands.
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
