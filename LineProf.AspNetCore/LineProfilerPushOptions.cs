namespace LineProf.AspNetCore
{
    /// <summary>
    /// Sending the profile to a continuous profiler (Grafana Pyroscope or anything that takes its <c>/ingest</c> API),
    /// off by default. Bound from the <c>LineProf:Push</c> configuration section (so <c>LineProf__Push__Url</c> in the
    /// environment works too).
    /// </summary>
    public sealed class LineProfilerPushOptions
    {
        /// <summary>The profiler's base address, e.g. <c>http://pyroscope:4040</c>. Null (the default): nothing is sent.</summary>
        public string? Url { get; set; }

        /// <summary>The application name the profiles are stored under.</summary>
        public string ApplicationName { get; set; } = "lineprof";

        /// <summary>Labels added to the application name (<c>{env=prod,region=eu}</c>) and to every sample.</summary>
        public IDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

        /// <summary>
        /// The value of the Authorization header, e.g. <c>Bearer …</c> or <c>Basic …</c> (Grafana Cloud). Null: none.
        /// </summary>
        public string? AuthorizationHeader { get; set; }

        /// <summary>Further headers to send, e.g. <c>X-Scope-OrgID</c> for a multi-tenant Pyroscope.</summary>
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

        /// <summary>How often the lines profiled since the last successful push are sent.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Attempts per push before it is given up; what it held is sent with the next push instead.</summary>
        public int MaxAttempts { get; set; } = 3;

        /// <summary>How long one attempt may take.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
