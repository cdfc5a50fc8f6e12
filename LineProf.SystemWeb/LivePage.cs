using System;
using System.Net;
using System.Text;
using System.Web;
using LineProf.Reporting;

namespace LineProf.SystemWeb
{
    /// <summary>
    /// The live page <c>/_lineprof</c> (the same renderer as lineprof.html) and its JSON API
    /// <c>/_lineprof/api/report</c>. A request that may not see them is left alone, so it meets the application's own
    /// 404 for a path that does not exist.
    /// </summary>
    internal static class LivePage
    {
        internal const string Path = "/_lineprof";

        private static readonly object s_served = new object();

        /// <summary>Answers the request if it is for the live page and may see it. False leaves it to the pipeline.</summary>
        internal static bool TryServe(HttpContext context)
        {
            var request = context.Request;
            var page = PageOf(request);
            if (page == null || (request.HttpMethod != "GET" && request.HttpMethod != "HEAD") || context.Items.Contains(s_served) || !IsAuthorized(context))
                return false;

            string body;
            var response = context.Response;
            switch (page)
            {
                case "":
                    response.ContentType = "text/html";
                    body = ReportHtml.Render(LineProfiler.Shared.CreateReport());
                    break;
                case "/api/report":
                    response.ContentType = "application/json";
                    body = ReportJson.Serialize(LineProfiler.Shared.CreateReport());
                    break;
                default:
                    return false;
            }

            context.Items[s_served] = s_served; // a module listed twice answers once
            response.StatusCode = 200;
            response.ContentEncoding = Encoding.UTF8;
            response.Charset = "utf-8";
            response.Cache.SetCacheability(HttpCacheability.NoCache);
            response.Cache.SetNoStore();
            response.AppendHeader("X-Content-Type-Options", "nosniff");
            response.AppendHeader("Content-Security-Policy", ReportHtml.ContentSecurityPolicy);
            response.AppendHeader("Referrer-Policy", "no-referrer");
            if (request.HttpMethod == "GET") response.Write(body);
            return true;
        }

        /// <summary>"" for the page, "/api/report" for the API, any other rest below it as is; null outside it.</summary>
        private static string? PageOf(HttpRequest request)
        {
            var path = request.Path;
            var application = request.ApplicationPath ?? "/";
            if (application != "/")
            {
                if (!path.StartsWith(application, StringComparison.OrdinalIgnoreCase)) return null;
                path = path.Substring(application.Length);
            }

            if (!path.StartsWith(Path, StringComparison.OrdinalIgnoreCase)) return null;
            var rest = path.Substring(Path.Length);
            if (rest.Length > 0 && rest[0] != '/') return null; // "/_lineprofile" is someone else's
            return rest.TrimEnd('/').ToLowerInvariant();
        }

        private static bool IsAuthorized(HttpContext context)
        {
            try
            {
                var authorize = LineProfilerLivePage.Authorize;
                return authorize != null ? authorize(new HttpContextWrapper(context)) : IsDirectLoopback(context.Request);
            }
            catch (Exception)
            {
                return false; // a failing authorization callback denies, it never throws at the client
            }
        }

        /// <summary>
        /// A loopback client that did not come through a proxy. Behind a FastCGI front end (nginx, IIS's own pipeline)
        /// the address is the real client's; a reverse proxy that forwards HTTP connects from loopback itself, so any
        /// forwarding header means the real client is elsewhere.
        /// </summary>
        private static bool IsDirectLoopback(HttpRequest request)
        {
            if (!IPAddress.TryParse(request.UserHostAddress ?? "", out var remote) || !IPAddress.IsLoopback(remote)) return false;
            var headers = request.Headers;
            return headers["X-Forwarded-For"] == null && headers["Forwarded"] == null &&
                   headers["X-Real-IP"] == null && headers["X-Forwarded-Host"] == null;
        }
    }
}
