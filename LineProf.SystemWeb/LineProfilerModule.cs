using System;
using System.Web;
using LineProf.Hosting;
using LineProf.Reporting;

namespace LineProf.SystemWeb
{
    /// <summary>
    /// Profiles each request of a classic ASP.NET application from BeginRequest to EndRequest, and answers the live
    /// page <c>/_lineprof</c>. A woven application registers it by itself (see <see cref="LineProfilerStartup"/>); it
    /// may also be listed in web.config by hand, and listing it twice profiles each request once. Nothing it does can
    /// fail a request or the application.
    /// </summary>
    public sealed class LineProfilerModule : IHttpModule
    {
        /// <summary>Request paths longer than this are shortened in reports, so a hostile URL cannot bloat them.</summary>
        internal const int MaxPathLength = 1000;

        private static int s_initFailed;

        /// <summary>Attaches to one <see cref="HttpApplication"/> instance (ASP.NET creates several). Never throws.</summary>
        public void Init(HttpApplication context)
        {
            // An exception here would make ASP.NET fail every request until the application restarts.
            try
            {
                SystemWebHost.Start();
                context.BeginRequest += OnBeginRequest;
                context.PostAuthorizeRequest += OnPostAuthorizeRequest;
                context.EndRequest += OnEndRequest;
                context.PreSendRequestHeaders += OnPreSendRequestHeaders;
                StepHook.Attach(context);
            }
            catch (Exception e)
            {
                if (System.Threading.Interlocked.Exchange(ref s_initFailed, 1) == 0)
                    HostLog.Instance.Write(ProfilerLogLevel.Error, "LP2100", "LineProf could not attach to the application; its requests are not profiled: " + e.Message);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
        }

        private static void OnBeginRequest(object sender, EventArgs e)
        {
            try
            {
                var context = ((HttpApplication)sender).Context;
                if (RequestScopes.Of(context) != null) return; // the module is registered twice; the first one profiles

                var request = context.Request;
                var path = PathOf(request);
                // An excluded request (or any while recording is off) is not selected: it would take a place under the cap.
                var selection = LineProfiler.Shared.Records(path) ? Select(request) : RequestSelection.NotChosen;
                RequestScopes.Set(context, LineProfiler.Shared.BeginRequest(request.HttpMethod, path, null, selection));
                if (ReportFolder.TryRefuse(context)) ((HttpApplication)sender).CompleteRequest();
            }
            catch (Exception)
            {
                // The profiler never fails a request. The runtime logs its own faults.
            }
        }

        /// <summary>The live page is answered once the request's user is known, so that an authorization check can use it.</summary>
        private static void OnPostAuthorizeRequest(object sender, EventArgs e)
        {
            try
            {
                var application = (HttpApplication)sender;
                if (LivePage.TryServe(application.Context)) application.CompleteRequest();
            }
            catch (Exception)
            {
                // As above: never fail a request.
            }
        }

        private static void OnEndRequest(object sender, EventArgs e)
        {
            try
            {
                var context = ((HttpApplication)sender).Context;
                OfferServerTiming(context); // a buffered response (the default) sends its headers after this
                var scope = RequestScopes.Take(context);
                scope?.End(RequestOutcome.StatusOf(context), RequestOutcome.EndpointOf(context));
            }
            catch (Exception)
            {
                // As above: never fail a request.
            }
        }

        /// <summary>A response flushed before the request ended (Response.Flush, a large or streamed body) sends its headers here.</summary>
        private static void OnPreSendRequestHeaders(object sender, EventArgs e)
        {
            try
            {
                OfferServerTiming(((HttpApplication)sender).Context);
            }
            catch (Exception)
            {
                // As above: never fail a request.
            }
        }

        private static readonly object s_timingSent = new object();

        /// <summary>
        /// Adds Server-Timing and the link to the request on the live page to a profiled response that gets them
        /// (<see cref="ServerTimingHeader.Applies"/>), once: with the figures as they are when the headers go out, as in
        /// ASP.NET Core. Headers already sent are left alone.
        /// </summary>
        private static void OfferServerTiming(HttpContext? context)
        {
            if (context == null || context.Items[s_timingSent] != null) return;
            var scope = RequestScopes.Of(context);
            if (scope == null || !ServerTimingHeader.Applies(scope, LineProfiler.Shared)) return;
            context.Items[s_timingSent] = s_timingSent;
            try
            {
                var response = context.Response;
                if (ServerTimingHeader.ValueOf(scope) is { } timing) response.AppendHeader(ServerTimingHeader.Name, timing);
                var application = context.Request.ApplicationPath ?? "/";
                var page = application.TrimEnd('/') + LivePage.Path;
                if (ServerTimingHeader.LinkOf(page, scope) is { } link) response.AppendHeader(ServerTimingHeader.LinkName, link);
            }
            catch (Exception)
            {
                // The headers were sent already (HttpException): the response goes on without them.
            }
        }

        /// <summary>The rate, the trigger and the cap, decided once as the request begins.</summary>
        private static RequestSelection Select(HttpRequest request)
        {
            var profiler = LineProfiler.Shared;
            var selector = profiler.Selector;
            string? header = selector.TriggerHeader == null ? null : request.Headers[selector.TriggerHeader];
            string? query = selector.TriggerQueryParameter == null ? null : request.QueryString[selector.TriggerQueryParameter];
            var selection = selector.Select(header, query, null, out bool refused);
            if (refused) profiler.CountRefusedTrigger();
            return selection;
        }

        private static string PathOf(HttpRequest request)
        {
            var path = request.Path;
            return path.Length <= MaxPathLength ? path : path.Substring(0, MaxPathLength) + "…";
        }
    }
}
