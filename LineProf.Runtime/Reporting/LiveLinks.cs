using System.IO;

namespace LineProf.Reporting
{
    /// <summary>What the live page needs to know about its server: where the API is and the token its reset sends.</summary>
    internal sealed class LiveLinks
    {
        internal LiveLinks(string pageUrl, string token, int pollMilliseconds, string? notProfiling = null)
        {
            PageUrl = pageUrl;
            Token = token;
            PollMilliseconds = pollMilliseconds;
            NotProfiling = notProfiling;
        }

        /// <summary>The page's path as the client sees it, e.g. "/_lineprof" (after any path base).</summary>
        public string PageUrl { get; }

        public string Token { get; }

        public int PollMilliseconds { get; }

        /// <summary>Why this process profiles no request, said in place of "no profiled requests yet"; null when it does.</summary>
        public string? NotProfiling { get; }

        /// <summary>Whether requests are being recorded (the page's on/off switch); true unless turned off.</summary>
        public bool Profiling { get; set; } = true;

        public void Write(TextWriter output)
        {
            new JsonWriter(output).StartObject()
                .Property("api", PageUrl + "/api/")
                .Property("download", PageUrl + "/lineprof.json")
                .Property("token", Token)
                .Property("tokenHeader", LiveReport.TokenHeader)
                .Property("pollMs", PollMilliseconds)
                .Property("notProfiling", NotProfiling)
                .Property("profiling", Profiling)
                .EndObject();
        }
    }
}
