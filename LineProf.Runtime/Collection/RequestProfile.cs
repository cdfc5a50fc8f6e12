using System;
using System.Threading;
using LineProf.LineCosts;

namespace LineProf.Collection
{
    /// <summary>A finished, profiled request and the lines it ran. Immutable.</summary>
    internal sealed class RequestProfile
    {
        private static long s_completed;

        internal RequestProfile(string id, string method, string path, string? endpoint, int status,
            DateTime startedUtc, long durationTicks, LineSample[] lines, string kind = WorkKinds.Http, CostSample[]? costs = null)
        {
            Kind = kind;
            Id = id;
            Method = method;
            Path = path;
            Endpoint = endpoint;
            Status = status;
            StartedUtc = startedUtc;
            DurationTicks = durationTicks;
            Lines = lines;
            Costs = costs ?? Array.Empty<CostSample>();
            Sequence = Interlocked.Increment(ref s_completed);
        }

        /// <summary>Completion order, process-wide.</summary>
        public long Sequence { get; }

        /// <summary>"http" for a request; for a unit of another kind, <see cref="Method"/> is that kind and <see cref="Path"/> its name.</summary>
        public string Kind { get; }

        public string Id { get; }

        /// <summary>A hub's connection request, kept among the recent requests only, never among the slowest.</summary>
        public bool LongLived { get; internal set; }
        public string Method { get; }
        public string Path { get; }

        /// <summary>The route template (or other endpoint name) the host matched; null when there was none.</summary>
        public string? Endpoint { get; }

        public int Status { get; }
        public DateTime StartedUtc { get; }
        public long DurationTicks { get; }
        public LineSample[] Lines { get; }

        /// <summary>The request's database commands and outgoing HTTP calls, per line and text.</summary>
        public CostSample[] Costs { get; }

        /// <summary>Whether the request carried the trigger secret (rather than being chosen by the rate).</summary>
        public bool Triggered { get; internal set; }

        /// <summary>Whether it is one of its endpoint's first requests (see <see cref="EndpointRules"/>); set once, as it is stored.</summary>
        public bool WarmUp { get; internal set; }

        /// <summary>The W3C ids of the request's server span; null when the host did not trace it.</summary>
        public string? TraceId { get; internal set; }
        public string? SpanId { get; internal set; }

        /// <summary>Messages a gRPC call received and sent; null for a request that carries no messages.</summary>
        public long? MessagesIn { get; internal set; }
        public long? MessagesOut { get; internal set; }

        /// <summary>What the request is summed under per endpoint: method and route, or method and path.</summary>
        public string EndpointKey => EndpointKeyOf(Method, Endpoint);

        /// <summary>The endpoint name a request of <paramref name="method"/> matching <paramref name="endpoint"/> is summed under.</summary>
        internal static string EndpointKeyOf(string method, string? endpoint) => method + " " + (endpoint ?? "(no endpoint)");
    }
}
