using System.Runtime.CompilerServices;
using LineProf.Collection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// A request's selection waiting for its endpoint: when routing chose one that has a rate of its own
    /// (<see cref="LineProfilerOptions.Endpoints"/>), the app's ShouldProfile (now seeing the endpoint), that rate and the
    /// cap decide the request again; for any other endpoint, or none, the decision made as it began stands.
    /// </summary>
    internal sealed class EndpointSelection
    {
        private static readonly ConditionalWeakTable<Endpoint, string> s_routes = new ConditionalWeakTable<Endpoint, string>();

        private readonly RequestSelector _selector;
        private readonly RequestScope.Reselectable _request;
        private readonly CapSlot _capSlot;
        private readonly Func<HttpContext, bool>? _shouldProfile;
        private readonly Action<RequestScope, HttpContext> _profilingBegan;

        internal EndpointSelection(RequestSelector selector, RequestScope.Reselectable request, CapSlot capSlot,
            Func<HttpContext, bool>? shouldProfile, Action<RequestScope, HttpContext> profilingBegan)
        {
            _selector = selector;
            _request = request;
            _capSlot = capSlot;
            _shouldProfile = shouldProfile;
            _profilingBegan = profilingBegan;
        }

        /// <summary>Runs on the request's flow, in the routing middleware, before anything after it.</summary>
        internal void Decide(HttpContext context)
        {
            var endpoint = context.GetEndpoint();
            if (endpoint == null) return;
            var name = RequestProfile.EndpointKeyOf(context.Request.Method, RouteOf(endpoint));
            if (!_selector.TryGetEndpointRate(name, out double rate)) return;

            bool wasProfiled = _request.IsProfiled;
            // The place under the cap the request took as it began is kept if its endpoint chooses it, else given back.
            var selection = _selector.SelectForEndpoint(rate, _shouldProfile == null ? null : () => AppChooses(context), _capSlot);
            _request.Reselect(selection);
            if (!wasProfiled && _request.IsProfiled) _profilingBegan(_request, context);
        }

        private bool AppChooses(HttpContext context)
        {
            try
            {
                return _shouldProfile!(context);
            }
            catch (Exception)
            {
                return false; // a failing callback leaves the request unprofiled, it never fails it
            }
        }

        /// <summary>
        /// The endpoint's name in the report, without the method and its route constraints (as the selector looks names
        /// up); the same for every request, so made once per endpoint.
        /// </summary>
        internal static string? RouteOf(Endpoint endpoint)
        {
            if (s_routes.TryGetValue(endpoint, out var known)) return known;
            var route = LineProfilerMiddleware.RouteOf(endpoint);
            if (route == null) return null;
            route = RequestSelector.WithoutConstraints(route);
            s_routes.AddOrUpdate(endpoint, route);
            return route;
        }
    }
}
