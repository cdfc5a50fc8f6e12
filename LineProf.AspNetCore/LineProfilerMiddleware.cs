using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Profiles each request from here to the end of the pipeline: begins its profile, runs the rest of the
    /// pipeline, and ends it with the status sent (500 when an exception escaped before the response started, 499 when
    /// the client went away first) and the route template the request matched. Also answers the live page. Nothing it does can fail a request.
    /// </summary>
    internal sealed class LineProfilerMiddleware
    {
        /// <summary>Request paths longer than this are shortened in reports, so a hostile URL cannot bloat them.</summary>
        internal const int MaxPathLength = 1000;

        private static readonly object s_seen = new object();

        private readonly RequestDelegate _next;
        private readonly LineProfilerHost _host;
        private readonly LivePage _livePage;
        private readonly Func<HttpContext, bool>? _shouldProfile;

        public LineProfilerMiddleware(RequestDelegate next, LineProfilerHost host,
            Microsoft.Extensions.Options.IOptions<LineProfilerLivePageOptions> livePage,
            Microsoft.Extensions.Options.IOptions<LineProfilerSelectionOptions> selection)
        {
            _next = next;
            _host = host;
            _livePage = new LivePage(host.Profiler, livePage.Value);
            _shouldProfile = selection.Value.ShouldProfile;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            if (context.Items.ContainsKey(s_seen))
            {
                await _next(context); // this middleware is in the pipeline twice; the first one profiles
                return;
            }

            context.Items[s_seen] = s_seen;
            if (LivePage.Handles(context.Request.Path))
            {
                await _livePage.ServeAsync(context);
                return;
            }

            var request = Begin(context);
            if (request.IsProfiled) OfferServerTiming(request, context);
            // ASP.NET Core's hosting layer starts the request's server span before any middleware runs, when a tracer
            // listens (OpenTelemetry's ASP.NET Core instrumentation): it is the current Activity here.
            var span = Activity.Current;
            if (span is { IdFormat: ActivityIdFormat.W3C } && (request.IsProfiled || request is RequestScope.Reselectable))
                request.SetTrace(span.TraceId.ToHexString(), span.SpanId.ToHexString());
            try
            {
                await _next(context);
            }
            catch
            {
                End(request, context, failed: true);
                Tag(span, request, context.TraceIdentifier);
                throw;
            }

            End(request, context, failed: false);
            Tag(span, request, context.TraceIdentifier);
        }

        /// <summary>
        /// Begins the request's profile as the rate, the trigger, the cap and the app's own choice decide. When some
        /// endpoint has a rate of its own, a request that was not triggered is decided again once routing chose its
        /// endpoint (<see cref="EndpointSelection"/>): routing runs none of the app's code, so an unchosen request still
        /// runs only the inert probe in its endpoint's code.
        /// </summary>
        private RequestScope Begin(HttpContext context)
        {
            var profiler = _host.Profiler;
            var selector = profiler.Selector;
            var method = context.Request.Method;
            var path = PathOf(context.Request);
            // An excluded request (or any while recording is off) is not selected: it would take a place under the cap.
            if (!profiler.Records(path)) return profiler.BeginRequest(method, path, context.TraceIdentifier, RequestSelection.NotChosen);

            var selection = Select(context, selector, out var capSlot);
            if (!selector.HasEndpointRates || selection == RequestSelection.Triggered)
                return profiler.BeginRequest(method, path, context.TraceIdentifier, selection);

            var request = profiler.BeginReselectableRequest(method, path, context.TraceIdentifier, selection);
            try
            {
                if (request is RequestScope.Reselectable reselectable)
                    EndpointMatchedListener.DecideWhenRouted(context, new EndpointSelection(selector, reselectable, capSlot, _shouldProfile, OfferServerTiming));
            }
            catch (Exception)
            {
                // The decision made as the request began stands; the profiler never fails a request.
            }

            return request;
        }

        /// <summary>
        /// The rate, the trigger, the cap and the app's own choice, decided as the request begins; <paramref name="capSlot"/>:
        /// the place under the cap a chosen request took, which its endpoint's own rate may give back.
        /// </summary>
        private RequestSelection Select(HttpContext context, RequestSelector selector, out CapSlot capSlot)
        {
            capSlot = CapSlot.None;
            try
            {
                string? header = selector.TriggerHeader is { } name && context.Request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
                string? query = selector.TriggerQueryParameter is { } parameter && context.Request.Query.TryGetValue(parameter, out var given) ? given.ToString() : null;
                var selection = selector.Select(header, query, _shouldProfile == null ? null : () => AppChooses(context), out bool refused, out capSlot);
                if (refused) _host.Profiler.CountRefusedTrigger();
                return selection;
            }
            catch (Exception)
            {
                return RequestSelection.NotChosen; // the profiler never fails a request
            }
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
        /// Headers go before the body, so the Server-Timing figures are those when the response starts: everything
        /// an endpoint computed before writing, not what runs while (or after) it writes.
        /// </summary>
        private void OfferServerTiming(RequestScope request, HttpContext context)
        {
            if (!Reporting.ServerTimingHeader.Applies(request, _host.Profiler)) return;
            context.Response.OnStarting(() =>
            {
                try
                {
                    var headers = context.Response.Headers;
                    if (Reporting.ServerTimingHeader.ValueOf(request) is { } timing) headers.Append(Reporting.ServerTimingHeader.Name, timing);
                    var page = context.Request.PathBase.Add(LivePage.Path).Value!;
                    if (Reporting.ServerTimingHeader.LinkOf(page, request) is { } link) headers[Reporting.ServerTimingHeader.LinkName] = link;
                }
                catch (Exception)
                {
                    // A header LineProf could not make is left out; the response goes on.
                }

                return Task.CompletedTask;
            });
        }

        /// <summary>
        /// Adds LineProf's request id and hottest line to the request's server span, before the hosting layer stops
        /// it, so a slow trace in Jaeger or Tempo names the line to look at. Only for a span that is recorded.
        /// </summary>
        private static void Tag(Activity? span, RequestScope request, string requestId)
        {
            try
            {
                if (span == null || !span.IsAllDataRequested || !request.IsProfiled) return;
                span.SetTag(RequestIdAttribute, requestId); // the id BeginRequest was given, the report's requests[].id
                var hottest = request.HottestLine();
                if (hottest == null) return;
                span.SetTag(HotLineAttribute, hottest.File + ":" + hottest.Line.ToString(CultureInfo.InvariantCulture));
                span.SetTag(HotLineMethodAttribute, hottest.Method);
                span.SetTag(HotLineSelfAttribute, hottest.SelfNs);
            }
            catch (Exception)
            {
                // The profiler never fails a request.
            }
        }

        internal const string RequestIdAttribute = "lineprof.request_id";
        internal const string HotLineAttribute = "lineprof.hot_line";
        internal const string HotLineMethodAttribute = "lineprof.hot_line.method";
        internal const string HotLineSelfAttribute = "lineprof.hot_line.self_ns";

        /// <summary>What nginx and others record for a request its client abandoned: there was no status to send.</summary>
        internal const int ClientClosedRequest = 499;

        private static void End(RequestScope request, HttpContext context, bool failed)
        {
            try
            {
                var response = context.Response;
                int status = context.RequestAborted.IsCancellationRequested ? ClientClosedRequest
                    : failed && !response.HasStarted ? StatusCodes.Status500InternalServerError
                    : response.StatusCode;
                if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.SignalR.HubMetadata>() != null) request.MarkLongLived();
                request.End(status, RouteOf(context));
            }
            catch (Exception)
            {
                // The profiler never fails a request. The runtime logs its own faults.
            }
        }

        private static string PathOf(HttpRequest request)
        {
            var path = request.PathBase.HasValue ? request.PathBase.Value + request.Path.Value : request.Path.Value ?? "/";
            return path.Length <= MaxPathLength ? path : path.Substring(0, MaxPathLength) + "…";
        }

        /// <summary>
        /// "/orders/{id}" for a routed request (a conventional MVC route with the action's controller and action filled
        /// in); the endpoint's name for other endpoints; without one, the route MVC's own (pre-endpoint) routing chose;
        /// else null.
        /// </summary>
        private static string? RouteOf(HttpContext context)
        {
            var endpoint = context.GetEndpoint();
            return (endpoint == null ? null : RouteOf(endpoint)) ?? MvcRoutes.WithoutEndpoint(context);
        }

        /// <summary>The name of <paramref name="endpoint"/> as <see cref="RouteOf(HttpContext)"/> gives it.</summary>
        internal static string? RouteOf(Endpoint endpoint)
        {
            if (endpoint is RouteEndpoint route && route.RoutePattern.RawText is { } raw)
            {
                var required = route.RoutePattern.RequiredValues;
                var template = required.Count == 0 ? raw
                    : MvcRoutes.FillIn(raw, name => required.TryGetValue(name, out var value) ? value as string : null);
                return template.StartsWith('/') ? template : "/" + template;
            }

            return endpoint.DisplayName;
        }
    }
}
