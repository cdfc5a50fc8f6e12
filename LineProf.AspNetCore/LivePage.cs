using System.Net;
using System.Text;
using LineProf.Pprof;
using LineProf.Reporting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LineProf.AspNetCore
{
    /// <summary>
    /// Serves the live page <c>/_lineprof</c> and its API (<see cref="LiveReport"/>) to authorized clients. Anyone
    /// else gets a bare 404: no body, no telling header, the same for every method and path below the page.
    /// </summary>
    internal sealed class LivePage
    {
        internal const string Path = "/_lineprof";

        /// <summary>Where the live report is offered as a pprof profile, below <see cref="Path"/>.</summary>
        internal const string PprofPath = "/api/pprof";

        private const string PprofFileName = "lineprof.pb.gz";

        private readonly LiveReport _report;
        private readonly LineProfiler _profiler;
        private readonly LineProfilerLivePageOptions _options;

        public LivePage(LineProfiler profiler, LineProfilerLivePageOptions options)
        {
            _report = new LiveReport(profiler);
            _profiler = profiler;
            _options = options;
        }

        public static bool Handles(PathString path) => path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

        public async Task ServeAsync(HttpContext context)
        {
            var request = context.Request;
            var response = context.Response;
            if (!await IsAuthorizedAsync(context))
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase, out var rest);
            if (string.Equals(rest.Value?.TrimEnd('/'), PprofPath, StringComparison.OrdinalIgnoreCase))
            {
                await ServePprofAsync(context);
                return;
            }

            var answer = _report.Respond(request.Method, request.PathBase.Add(Path).Value!, rest.Value ?? "",
                request.Headers[LiveReport.TokenHeader].FirstOrDefault());

            response.StatusCode = answer.StatusCode;
            foreach (var header in answer.Headers) response.Headers[header.Key] = header.Value;
            if (answer.ContentType != null) response.ContentType = answer.ContentType;
            if (answer.Body.Length == 0 || HttpMethods.IsHead(request.Method)) return;
            await response.WriteAsync(answer.Body, Encoding.UTF8, context.RequestAborted);
        }

        /// <summary>
        /// The report as a gzipped pprof profile. Answered here rather than by <see cref="LiveReport"/>: the runtime
        /// stays free of the protobuf library, which only the hosts that export carry.
        /// </summary>
        private async Task ServePprofAsync(HttpContext context)
        {
            var request = context.Request;
            var response = context.Response;
            foreach (var header in LiveReport.DownloadHeaders(PprofFileName)) response.Headers[header.Key] = header.Value;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                response.Headers.Allow = "GET, HEAD";
                return;
            }

            byte[] profile = PprofProfile.ToBytes(_profiler.CreateReport());
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/octet-stream";
            response.ContentLength = profile.Length;
            if (HttpMethods.IsHead(request.Method)) return;
            await response.Body.WriteAsync(profile, context.RequestAborted);
        }

        private async Task<bool> IsAuthorizedAsync(HttpContext context)
        {
            try
            {
                if (_options.Authorize == null) return IsDirectLoopback(context);
                await AuthenticateAsync(context);
                return await _options.Authorize(context);
            }
            catch (Exception)
            {
                return false; // a failing authorization callback denies, it never throws at the client
            }
        }

        /// <summary>
        /// LineProf answers first in the pipeline, before the app's authentication middleware has set
        /// <see cref="HttpContext.User"/>; authenticating with the default scheme here, as that middleware would,
        /// lets the callback use authorization policies as it would anywhere else.
        /// </summary>
        private static async Task AuthenticateAsync(HttpContext context)
        {
            if (context.User.Identity?.IsAuthenticated == true) return;
            var schemes = context.RequestServices.GetService<IAuthenticationSchemeProvider>();
            var scheme = schemes == null ? null : await schemes.GetDefaultAuthenticateSchemeAsync();
            if (scheme == null) return;
            var result = await context.AuthenticateAsync(scheme.Name);
            if (result.Succeeded) context.User = result.Principal;
        }

        /// <summary>
        /// A loopback client that did not come through a proxy and asked for a loopback host name. A reverse proxy
        /// on the same machine connects from loopback too, so any forwarding header means the real client is
        /// elsewhere; and a page of another site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own
        /// name as the Host.
        /// </summary>
        private static bool IsDirectLoopback(HttpContext context)
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is { IsIPv4MappedToIPv6: true }) remote = remote.MapToIPv4(); // a dual-mode socket's IPv4 client
            if (remote == null || !IPAddress.IsLoopback(remote)) return false;
            var headers = context.Request.Headers;
            if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") ||
                headers.ContainsKey("X-Real-IP") || headers.ContainsKey("X-Forwarded-Host"))
                return false;
            return IsLoopbackName(context.Request.Host.Host);
        }

        private static bool IsLoopbackName(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
                host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
                return true;
            return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        }
    }
}
