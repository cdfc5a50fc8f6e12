using System;
using System.Collections.Generic;

namespace LineProf
{
    /// <summary>
    /// How LineProf collects and where it writes. Bound from the <c>LineProf</c> configuration section in ASP.NET Core;
    /// the environment variables LINEPROF_ENABLED, LINEPROF_OUTPUT, LINEPROF_MODE, LINEPROF_SAMPLE_RATE,
    /// LINEPROF_MAX_PROFILED_PER_SECOND, LINEPROF_TRIGGER_SECRET and LINEPROF_KEEP_REQUESTS_WITHOUT_LINES override whatever is set here.
    /// </summary>
    public sealed class LineProfilerOptions
    {
        /// <summary>False stops all collection: no request is profiled and no report is written.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>The folder for lineprof.json and lineprof.html. Default: <c>lineprof/</c> under the content root.</summary>
        public string? OutputDirectory { get; set; }

        /// <summary>
        /// <c>exact</c> (the default): the clock is read at every line. <c>sampled</c>: hits are still exact, time is
        /// sampled about every millisecond, and awaits are timed exactly; for code too hot for a clock read per line.
        /// </summary>
        public string Mode { get; set; } = ProfilingModes.Exact;

        /// <summary>How many of the most recent requests are kept with their lines.</summary>
        public int RecentRequests { get; set; } = 200;

        /// <summary>How many of the slowest requests are kept with their lines (in addition to the recent ones).</summary>
        public int SlowestRequests { get; set; } = 100;

        /// <summary>
        /// Whether requests that ran no profiled line (static files, 404s, probes of hostile paths) are kept among the
        /// recent and slowest requests. Default false: they still count in their endpoint's count and durations, but
        /// the kept requests are the ones with lines to show. LINEPROF_KEEP_REQUESTS_WITHOUT_LINES overrides it.
        /// </summary>
        public bool KeepRequestsWithoutLines { get; set; }

        /// <summary>Whether lines that run outside any request (start-up, background services) are profiled.</summary>
        public bool ProfileOutsideRequests { get; set; } = true;

        /// <summary>Request path prefixes that are never profiled. The live page is always excluded.</summary>
        public IList<string> ExcludePaths { get; set; } = new List<string>();

        /// <summary>Whether lineprof.json and lineprof.html are written at all.</summary>
        public bool WriteFiles { get; set; } = true;

        /// <summary>How often the files are rewritten while results change (at most 10 s, per the contract).</summary>
        public TimeSpan WriteInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The default of <see cref="NPlusOneThreshold"/>.</summary>
        public const int DefaultNPlusOneThreshold = 5;

        /// <summary>
        /// Exact mode on .NET: each line also counts the bytes its thread allocated while on it (self and inclusive). Costs
        /// a few nanoseconds per line (see BENCHMARKS.md); off, the probe skips it with one branch.
        /// </summary>
        public bool TrackAllocations { get; set; } = true;

        /// <summary>
        /// Each database command a profiled line issues (EF Core, SqlClient) is counted on that line, with its text and
        /// duration. Costs nothing per line, a few microseconds per command at most (see BENCHMARKS.md).
        /// </summary>
        public bool TrackDatabaseCommands { get; set; } = true;

        /// <summary>Each outgoing HttpClient call a profiled line makes is counted on that line: method, host, route-like path, duration.</summary>
        public bool TrackHttpCalls { get; set; } = true;

        /// <summary>A line that issues the same command text more than this many times in one request is flagged as a likely N+1.</summary>
        public int NPlusOneThreshold { get; set; } = DefaultNPlusOneThreshold;

        /// <summary>
        /// The share of requests profiled, chosen at random as each begins: 1 (the default) profiles every request,
        /// 0.01 one in a hundred. Requests not chosen run the inert probe only, and still count in the endpoints'
        /// counts and durations. LINEPROF_SAMPLE_RATE overrides it.
        /// </summary>
        public double SampleRate { get; set; } = 1.0;

        /// <summary>
        /// At most this many requests are profiled per second (a triggered request always is), so a burst cannot make
        /// profiling the bottleneck. 0 (the default): no cap. LINEPROF_MAX_PROFILED_PER_SECOND overrides it.
        /// </summary>
        public int MaxProfiledPerSecond { get; set; }

        /// <summary>
        /// The secret a request must carry in <see cref="TriggerHeader"/> to be profiled whatever the rate. Null (the
        /// default): no request can trigger profiling. LINEPROF_TRIGGER_SECRET overrides it.
        /// </summary>
        public string? TriggerSecret { get; set; }

        /// <summary>The request header that carries <see cref="TriggerSecret"/>. Default: <c>X-LineProf-Trigger</c>.</summary>
        public string? TriggerHeader { get; set; } = RequestSelector.DefaultTriggerHeader;

        /// <summary>
        /// A query parameter that carries <see cref="TriggerSecret"/> instead, for a browser's address bar. Honoured
        /// only when <see cref="TriggerHeader"/> is empty: a URL ends up in logs, history and referrers, so where a
        /// header can be sent, a secret in a URL is refused. Null (the default): none.
        /// </summary>
        public string? TriggerQueryParameter { get; set; }

        /// <summary>
        /// Which profiled responses carry a <c>Server-Timing</c> header with their top lines: <c>triggered</c> (the
        /// default: only requests that carried the secret, so strangers never see source paths), <c>all</c> or <c>off</c>.
        /// </summary>
        public string ServerTiming { get; set; } = ServerTimingModes.Triggered;

        /// <summary>
        /// The first this many requests of each endpoint (to complete) are its warm-up: JIT compilation, caches filled.
        /// They are marked <c>warmUp</c> in the report and left out of the endpoint's percentiles. Default 1.
        /// </summary>
        public int WarmUpRequests { get; set; } = 1;

        /// <summary>Whether endpoint percentiles include the warm-up requests after all. Default false.</summary>
        public bool KeepWarmUpInPercentiles { get; set; }

        /// <summary>
        /// Selection for single endpoints, by the name the report gives them (<c>GET /orders/{id}</c>; names ignore
        /// case): an endpoint here is profiled at its own <see cref="EndpointProfilingOptions.SampleRate"/> instead of
        /// <see cref="SampleRate"/>. Bound from <c>LineProf:Endpoints:&lt;name&gt;:SampleRate</c>. A host applies it once
        /// it knows the request's endpoint (ASP.NET Core: when routing chose it).
        /// </summary>
        public IDictionary<string, EndpointProfilingOptions> Endpoints { get; set; } =
            new Dictionary<string, EndpointProfilingOptions>(StringComparer.OrdinalIgnoreCase);

        internal LineProfilerOptions Clone() => new LineProfilerOptions
        {
            TrackAllocations = TrackAllocations,
            TrackDatabaseCommands = TrackDatabaseCommands,
            TrackHttpCalls = TrackHttpCalls,
            NPlusOneThreshold = NPlusOneThreshold,
            SampleRate = SampleRate,
            MaxProfiledPerSecond = MaxProfiledPerSecond,
            TriggerSecret = TriggerSecret,
            TriggerHeader = TriggerHeader,
            TriggerQueryParameter = TriggerQueryParameter,
            ServerTiming = ServerTiming,
            WarmUpRequests = WarmUpRequests,
            KeepWarmUpInPercentiles = KeepWarmUpInPercentiles,
            Endpoints = CloneEndpoints(Endpoints),
            Enabled = Enabled,
            OutputDirectory = OutputDirectory,
            Mode = Mode,
            RecentRequests = RecentRequests,
            SlowestRequests = SlowestRequests,
            KeepRequestsWithoutLines = KeepRequestsWithoutLines,
            ProfileOutsideRequests = ProfileOutsideRequests,
            ExcludePaths = new List<string>(ExcludePaths),
            WriteFiles = WriteFiles,
            WriteInterval = WriteInterval,
        };

        private static IDictionary<string, EndpointProfilingOptions> CloneEndpoints(IDictionary<string, EndpointProfilingOptions>? endpoints)
        {
            var copy = new Dictionary<string, EndpointProfilingOptions>(StringComparer.OrdinalIgnoreCase);
            if (endpoints == null) return copy;
            foreach (var entry in endpoints)
            {
                if (entry.Key != null && entry.Value != null) copy[entry.Key.Trim()] = new EndpointProfilingOptions { SampleRate = entry.Value.SampleRate };
            }

            return copy;
        }
    }

    /// <summary>How one endpoint's requests are chosen: see <see cref="LineProfilerOptions.Endpoints"/>.</summary>
    public sealed class EndpointProfilingOptions
    {
        /// <summary>The share of this endpoint's requests profiled, 0 to 1, in place of <see cref="LineProfilerOptions.SampleRate"/>.</summary>
        public double SampleRate { get; set; } = 1.0;
    }

    /// <summary>The values of <see cref="LineProfilerOptions.Mode"/>.</summary>
    public static class ProfilingModes
    {
        /// <summary>The clock is read at every line: exact hits, exact time.</summary>
        public const string Exact = "exact";

        /// <summary>Exact hits; time sampled about every millisecond, and measured exactly across awaits.</summary>
        public const string Sampled = "sampled";
    }

    /// <summary>The values of <see cref="LineProfilerOptions.ServerTiming"/>.</summary>
    public static class ServerTimingModes
    {
        /// <summary>Only requests that carried the trigger secret.</summary>
        public const string Triggered = "triggered";

        /// <summary>Every profiled request: for a developer's machine or a private network.</summary>
        public const string All = "all";

        /// <summary>Never.</summary>
        public const string Off = "off";
    }
}
