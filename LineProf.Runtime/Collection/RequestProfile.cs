using System;
using System.Threading;

namespace LineProf.Collection
{
    /// <summary>A finished, profiled request and the lines it ran. Immutable.</summary>
    internal sealed class RequestProfile
    {
        private static long s_completed;

        internal RequestProfile(string id, string method, string path, string? endpoint, int status,
            DateTime startedUtc, long durationTicks, LineSample[] lines, string? traceId = null, string? spanId = null)
        {
            TraceId = traceId;
            SpanId = spanId;
            Id = id;
            Method = method;
            Path = path;
            Endpoint = endpoint;
            Status = status;
            StartedUtc = startedUtc;
            DurationTicks = durationTicks;
            Lines = lines;
            Sequence = Interlocked.Increment(ref s_completed);
        }

        /// <summary>Completion order, process-wide.</summary>
        public long Sequence { get; }

        public string Id { get; }
        public string Method { get; }
        public string Path { get; }

        /// <summary>The route template (or other endpoint name) the host matched; null when there was none.</summary>
        public string? Endpoint { get; }

        public int Status { get; }
        public DateTime StartedUtc { get; }
        public long DurationTicks { get; }
        public LineSample[] Lines { get; }

        /// <summary>The W3C ids of the request's server span; null when the host did not trace it.</summary>
        public string? TraceId { get; }
        public string? SpanId { get; }

        /// <summary>What the request is summed under per endpoint: method and route, or method and path.</summary>
        public string EndpointKey => EndpointKeyOf(Method, Endpoint);

        /// <summary>The endpoint name a request of <paramref name="method"/> matching <paramref name="endpoint"/> is summed under.</summary>
        internal static string EndpointKeyOf(string method, string? endpoint) => method + " " + (endpoint ?? "(no endpoint)");
    }
}
