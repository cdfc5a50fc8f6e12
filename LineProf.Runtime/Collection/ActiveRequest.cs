using System;

namespace LineProf.Collection
{
    /// <summary>A request being profiled: the sink of its lines until it ends.</summary>
    internal sealed class ActiveRequest : LineSink
    {
        private readonly long _startTimestamp = ProbeClock.Now();
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

        /// <summary>Set by the host before the request ends, when it traces it.</summary>
        internal string? TraceId { get; set; }
        internal string? SpanId { get; set; }

        /// <summary>Ends the request and collects every line counted for it, wherever it ran.</summary>
        internal RequestProfile Complete(int status, string? endpoint)
        {
            long duration = ProbeClock.Now() - _startTimestamp;
            var lines = AtLeastTheProbesCost(Finish(runningFrom: _startTimestamp));
            return new RequestProfile(Id, Method, Path, endpoint, status, _startedUtc, duration, lines, TraceId, SpanId);
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
