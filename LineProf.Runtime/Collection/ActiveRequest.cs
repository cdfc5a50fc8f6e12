using System;
using System.Threading;
using LineProf.LineCosts;

namespace LineProf.Collection
{
    /// <summary>A request being profiled: the sink of its lines until it ends.</summary>
    internal sealed class ActiveRequest : LineSink
    {
        /// <summary>When this sink began: methods still running at the end are timed from here, not before it existed.</summary>
        private readonly long _startTimestamp = ProbeClock.Now();

        /// <summary>When the request began, which is earlier when it was chosen once its endpoint was known.</summary>
        private readonly long _begunTimestamp;
        private readonly DateTime _startedUtc;

        /// <summary>The request's database commands and HTTP calls per line; its own lock, since any thread may add.</summary>
        private readonly CostTotals _costs = new CostTotals();
        private bool _costsClosed;

        private static int s_inFlight;
        private int _completed;

        internal ActiveRequest(string id, string method, string path, string kind = WorkKinds.Http, long? begunAt = null) : base(collects: true)
        {
            _begunTimestamp = Math.Min(begunAt ?? _startTimestamp, _startTimestamp);
            _startedUtc = DateTime.UtcNow - TimeSpan.FromTicks(ProbeClock.Nanoseconds(_startTimestamp - _begunTimestamp) / 100);
            Id = id;
            Method = method;
            Path = path;
            Kind = kind;
            CountAsCollecting();
            Interlocked.Increment(ref s_inFlight);
            LineSampler.WakeIfParked();
        }

        /// <summary>Profiled requests begun and not yet completed, process-wide.</summary>
        internal static int InFlight => Volatile.Read(ref s_inFlight);

        internal string Id { get; }
        internal string Method { get; }
        internal string Path { get; }

        /// <summary>What sort of unit this is: an HTTP request, or another kind begun with <see cref="LineProfiler.BeginWork"/>.</summary>
        internal string Kind { get; }

        /// <summary>A connection that lasts as long as its client stays (a hub's WebSocket): its duration says nothing of speed.</summary>
        internal bool LongLived { get; set; }

        /// <summary>What the request has counted so far, without ending it (for a response header sent mid-request).</summary>
        internal LineSample[] LinesSoFar() => Peek();

        /// <summary>Set by the host before the request ends, when it traces it.</summary>
        internal string? TraceId { get; set; }
        internal string? SpanId { get; set; }

        private long _messagesIn;
        private long _messagesOut;
        private int _countsMessages;

        /// <summary>
        /// Adds messages a call received and sent (a gRPC call's request and response messages). Only units that carry
        /// messages call it, so a request that never did reports no counts at all rather than zeros.
        /// </summary>
        internal void CountMessages(long received, long sent)
        {
            Interlocked.Add(ref _messagesIn, received);
            Interlocked.Add(ref _messagesOut, sent);
            Volatile.Write(ref _countsMessages, 1);
        }

        /// <summary>Ends the request and collects every line counted for it, wherever it ran.</summary>
        internal RequestProfile Complete(int status, string? endpoint)
        {
            if (Interlocked.Exchange(ref _completed, 1) == 0) Interlocked.Decrement(ref s_inFlight);
            long duration = ProbeClock.Now() - _begunTimestamp;
            var lines = AtLeastTheProbesCost(Finish(runningFrom: _startTimestamp));
            CostSample[] costs;
            lock (_costs)
            {
                _costsClosed = true;
                costs = _costs.ToArray();
            }

            bool carriedMessages = Volatile.Read(ref _countsMessages) != 0;
            return new RequestProfile(Id, Method, Path, endpoint, status, _startedUtc, duration, lines, Kind, costs)
            {
                LongLived = LongLived,
                TraceId = TraceId,
                SpanId = SpanId,
                MessagesIn = carriedMessages ? Interlocked.Read(ref _messagesIn) : null,
                MessagesOut = carriedMessages ? Interlocked.Read(ref _messagesOut) : null,
            };
        }

        /// <summary>
        /// A command or call this request issued from <paramref name="line"/> (0: from no profiled line) ended. One that
        /// ends after the request did is nobody's: the request's figures are final.
        /// </summary>
        internal void AddCost(int line, string kind, string text, long ticks)
        {
            lock (_costs)
            {
                if (!_costsClosed) _costs.Add(line, kind, text, ticks);
            }
        }

        /// <summary>
        /// Reports take each hit's probe cost off a line's time and read what the clock measured below it as 0
        /// (ReportBuilder). Raised to that floor once, here, a request's figures and every sum of them (its endpoint,
        /// the totals) read the same after calibration, instead of differing by what each sum's floor hid.
        /// </summary>
        private static LineSample[] AtLeastTheProbesCost(LineSample[] lines)
        {
            long perHit = Probe.Sampled ? 0 : Reporting.ProbeCalibration.PerHitTicks;
            if (perHit == 0) return lines;
            for (int i = 0; i < lines.Length; i++)
            {
                var figures = lines[i].Figures;
                long floor = figures.Hits * perHit;
                if (figures.Ticks >= floor && figures.SelfTicks >= floor) continue;
                figures.Ticks = Math.Max(figures.Ticks, floor);
                figures.SelfTicks = Math.Max(figures.SelfTicks, floor);
                lines[i] = new LineSample(lines[i].Probe, figures);
            }

            return lines;
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
