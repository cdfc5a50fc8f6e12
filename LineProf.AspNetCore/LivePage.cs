using System.Net;
using System.Text;
using LineProf.Reporting;
using Microsoft.AspNetCore.Http;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// The live page <c>/_lineprof</c> (the same renderer as lineprof.html) and its JSON API. Anyone not authorized
    /// gets the same bare 404 as a path that does not exist.
    /// </summary>
    internal sealed class LivePage
    {
        internal const string Path = "/_lineprof";

        private readonly LineProfiler _profiler;
        private readonly LineProfilerLivePageOptions _options;

        public LivePage(LineProfiler profiler, LineProfilerLivePageOptions options)
        {
            _profiler = profiler;
            _options = options;
        }

        public static bool Handles(PathString path) => path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

        public async Task ServeAsync(HttpContext context)
        {
            var response = context.Response;
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) || !await IsAuthorizedAsync(context))
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var rest = context.Request.Path.Value!.Substring(Path.Length).TrimEnd('/');
            string body;
            switch (rest.ToLowerInvariant())
            {
                case "":
                    response.ContentType = "text/html; charset=utf-8";
                    body = ReportHtml.Render(_profiler.CreateReport());
                    break;
                case "/api/report":
                    response.ContentType = "application/json; charset=utf-8";
                    body = ReportJson.Serialize(_profiler.CreateReport());
                    break;
                default:
                    response.StatusCode = StatusCodes.Status404NotFound;
                    return;
            }

            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = ReportHtml.ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            await response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
        }

        private async Task<bool> IsAuthorizedAsync(HttpContext context)
        {
            try
            {
                if (_options.Authorize != null) return await _options.Authorize(context);
                return IsDirectLoopback(context);
            }
            catch (Exception)
            {
                return false; // a failing authorization callback denies, it never throws at the client
            }
        }

        /// <summary>
        /// A loopback client that did not come through a proxy: a reverse proxy on the same machine connects from
        /// loopback too, so any forwarding header means the real client is elsewhere.
        /// </summary>
        private static bool IsDirectLoopback(HttpContext context)
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote == null || !IPAddress.IsLoopback(remote)) return false;
            var headers = context.Request.Headers;
            return !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded") &&
                   !headers.ContainsKey("X-Real-IP") && !headers.ContainsKey("X-Forwarded-Host");
        }
    }
}
