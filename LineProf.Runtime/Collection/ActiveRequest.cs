using System;
using System.Diagnostics;

namespace LineProf.Collection
{
    /// <summary>A request being profiled: the sink of its lines until it ends.</summary>
    internal sealed class ActiveRequest : LineSink
    {
        private readonly long _startTimestamp = Stopwatch.GetTimestamp();
        private readonly DateTime _startedUtc = DateTime.UtcNow;

        internal ActiveRequest(string id, string method, string path) : base(collects: true)
        {
            Id = id;
            Method = method;
            Path = path;
            CountAsCollecting();
        }

        internal string Id { get; }
        internal string Method { get; }
        internal string Path { get; }

        /// <summary>Ends the request and collects every line counted for it, wherever it ran.</summary>
        internal RequestProfile Complete(int status, string? endpoint)
        {
            long duration = Stopwatch.GetTimestamp() - _startTimestamp;
            var lines = Finish(runningFrom: _startTimestamp);
            return new RequestProfile(Id, Method, Path, endpoint, status, _startedUtc, duration, lines);
        }
    }

    /// <summary>The sink of work outside any request: start-up, background services, timers.</summary>
    internal sealed class OutsideRequests : LineSink
    {
        internal OutsideRequests() : base(collects: true)
        {
        }

        internal LineSample[] Snapshot() => Peek();

        internal void Reset() => DiscardCounts();
    }
}
