using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace LineProf.Reporting
{
    /// <summary>
    /// The live page and its JSON API, for any web host. The host decides who may see them and answers everyone else
    /// with a bare 404; this decides what an authorized client gets, with the security headers every answer carries.
    /// <list type="table">
    /// <item><term>GET {page}</term><description>the report page, which polls the API</description></item>
    /// <item><term>GET {page}/lineprof.json</term><description>lineprof.json as a download</description></item>
    /// <item><term>GET {page}/api/report</term><description>lineprof.json (schema 1)</description></item>
    /// <item><term>GET {page}/api/status</term><description><c>{"version":n,"requestCount":n}</c>; the version changes when results do</description></item>
    /// <item><term>GET {page}/api/view</term><description>the page's compact form of the report</description></item>
    /// <item><term>GET {page}/api/pprof</term><description>the report as a gzipped pprof profile, answered by host adapters that can encode one (<see cref="DownloadHeaders"/>)</description></item>
    /// <item><term>POST {page}/api/reset</term><description>forgets everything collected; needs the <see cref="TokenHeader"/> header</description></item>
    /// <item><term>POST {page}/api/profiling/on, /off</term><description>turns recording on or off; needs the <see cref="TokenHeader"/> header</description></item>
    /// </list>
    /// </summary>
    public sealed class LiveReport
    {
        /// <summary>The request header that must carry the page's token for a reset.</summary>
        public const string TokenHeader = "X-LineProf-Token";

        private const int PollMilliseconds = 2000;

        // One per process, shared by every host adapter and pipeline: a cross-site page can make a browser send a
        // POST but cannot read the live page to learn this, nor add a custom header without a CORS preflight that is
        // never granted. No cookie or session is needed.
        private static readonly string s_token = NewToken();

        private readonly LineProfiler _profiler;

        /// <summary>Serves <paramref name="profiler"/>'s results.</summary>
        public LiveReport(LineProfiler profiler)
        {
            _profiler = profiler ?? throw new ArgumentNullException(nameof(profiler));
        }

        /// <summary>
        /// The answer to an authorized client's request. <paramref name="pageUrl"/> is the page's path as the client
        /// sees it ("/_lineprof", after any path base); <paramref name="subPath"/> is what follows it ("", "/api/report");
        /// <paramref name="token"/> is the <see cref="TokenHeader"/> header, if sent.
        /// </summary>
        public LiveResponse Respond(string method, string pageUrl, string subPath, string? token)
        {
            bool read = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) ||
                        string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase);
            switch (subPath.TrimEnd('/').ToLowerInvariant())
            {
                case "":
                    return read ? Page(pageUrl) : NotAllowed("GET, HEAD");
                case "/lineprof.json":
                    return read ? Json(ReportJson.Serialize(_profiler.CreateReport()), download: true) : NotAllowed("GET, HEAD");
                case "/api/report":
                    return read ? Json(ReportJson.Serialize(_profiler.CreateReport()), download: false) : NotAllowed("GET, HEAD");
                case "/api/view":
                    return read ? View() : NotAllowed("GET, HEAD");
                case "/api/status":
                    return read ? Status() : NotAllowed("GET, HEAD");
                case "/api/reset":
                    return string.Equals(method, "POST", StringComparison.Ordinal) ? Reset(token) : NotAllowed("POST");
                case "/api/profiling/on":
                case "/api/profiling/off":
                    return string.Equals(method, "POST", StringComparison.Ordinal) ? Toggle(token, subPath.TrimEnd('/').EndsWith("/on", StringComparison.OrdinalIgnoreCase)) : NotAllowed("POST");
                default:
                    return new LiveResponse(404, null, "", Headers(null));
            }
        }

        private LiveResponse Page(string pageUrl)
        {
            long version = _profiler.ResultsVersion; // read first: a request landing meanwhile makes the page refetch
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            ReportHtml.Write(_profiler.CreateReport(), version, new LiveLinks(pageUrl, s_token, PollMilliseconds, NotProfiling()) { Profiling = _profiler.IsProfiling }, writer);
            return new LiveResponse(200, "text/html; charset=utf-8", writer.ToString(), Headers(ReportHtml.LivePolicy));
        }

        /// <summary>Why no request will ever show up here, so the page does not wait for requests that are not profiled.</summary>
        private string? NotProfiling()
        {
            if (_profiler.IsActive && !_profiler.IsProfiling)
                return "Recording is off (turned off on this page or by the configuration's Enabled): requests are not profiled. Turn it on to record them again.";
            if (_profiler.IsActive) return null;
            if (!_profiler.Options.Enabled || !Hosting.RuntimeSettings.EnabledByEnvironment())
                return "Profiling is off (" + Hosting.RuntimeSettings.EnabledVariable + " or the Enabled option is false): " +
                    "no request is profiled. Turn it on and restart the app to profile requests.";
            return "No profiled code has run in this process, so no request is profiled: build the app with " +
                "LineProfile set to true to weave it.";
        }

        private LiveResponse View()
        {
            long version = _profiler.ResultsVersion;
            return Json(PageData.Serialize(_profiler.CreateReport(), version), download: false);
        }

        private LiveResponse Status()
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            new JsonWriter(writer).StartObject()
                .Property("version", _profiler.ResultsVersion)
                .Property("requestCount", _profiler.RequestCount)
                .Property("profiling", _profiler.IsProfiling)
                .EndObject();
            return Json(writer.ToString(), download: false);
        }

        private LiveResponse Reset(string? token)
        {
            if (token == null || !FixedTimeEquals(token, s_token))
                return new LiveResponse(403, "text/plain; charset=utf-8", "The reset needs the " + TokenHeader + " header the live page sends.", Headers(null));
            _profiler.Reset();
            return new LiveResponse(204, null, "", Headers(null));
        }

        /// <summary>Changes state, so a POST with the page's token, as the reset.</summary>
        private LiveResponse Toggle(string? token, bool on)
        {
            if (token == null || !FixedTimeEquals(token, s_token))
                return new LiveResponse(403, "text/plain; charset=utf-8", "Turning profiling on or off needs the " + TokenHeader + " header the live page sends.", Headers(null));
            _profiler.SetProfiling(on);
            return new LiveResponse(204, null, "", Headers(null));
        }

        private static LiveResponse Json(string body, bool download) =>
            new LiveResponse(200, "application/json; charset=utf-8", body, download ? DownloadHeaders("lineprof.json") : Headers(null));

        /// <summary>
        /// The headers of a file the live page's API offers for download (<paramref name="fileName"/>): those every
        /// answer carries, and the file's name. For answers a host adapter makes itself, such as binary ones.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> DownloadHeaders(string fileName)
        {
            var headers = Headers(null);
            headers.Add(new KeyValuePair<string, string>("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
            return headers;
        }

        private static LiveResponse NotAllowed(string allowed)
        {
            var headers = Headers(null);
            headers.Add(new KeyValuePair<string, string>("Allow", allowed));
            return new LiveResponse(405, null, "", headers);
        }

        /// <summary>Every answer: nothing may run, be framed, be sniffed as another type, be cached or leak a referrer.</summary>
        private static List<KeyValuePair<string, string>> Headers(string? pagePolicy) => new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("Content-Security-Policy", pagePolicy ?? "default-src 'none'; frame-ancestors 'none'; sandbox"),
            new KeyValuePair<string, string>("X-Content-Type-Options", "nosniff"),
            new KeyValuePair<string, string>("X-Frame-Options", "DENY"),
            new KeyValuePair<string, string>("Cache-Control", "no-store"),
            new KeyValuePair<string, string>("Referrer-Policy", "no-referrer"),
            new KeyValuePair<string, string>("Cross-Origin-Resource-Policy", "same-origin"),
        };

        private static string NewToken()
        {
            var bytes = new byte[32];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        /// <summary>Compares without stopping at the first difference, so timing reveals nothing of the token.</summary>
        private static bool FixedTimeEquals(string a, string b)
        {
            int difference = a.Length ^ b.Length;
            for (int i = 0; i < a.Length && i < b.Length; i++) difference |= a[i] ^ b[i];
            return difference == 0;
        }
    }

    /// <summary>What a host sends back for a live page request.</summary>
    public sealed class LiveResponse
    {
        internal LiveResponse(int statusCode, string? contentType, string body, IReadOnlyList<KeyValuePair<string, string>> headers)
        {
            StatusCode = statusCode;
            ContentType = contentType;
            Body = body;
            Headers = headers;
        }

        /// <summary>HTTP status.</summary>
        public int StatusCode { get; }

        /// <summary>Content type of <see cref="Body"/>; null when there is none.</summary>
        public string? ContentType { get; }

        /// <summary>The body (UTF-8 when sent); empty when there is none.</summary>
        public string Body { get; }

        /// <summary>Headers to send besides the content type.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
    }
}
