using System;
using System.Collections.Generic;
using LineProf.Collection;
using LineProf.LineCosts;
using LineProf.LineMaps;

namespace LineProf.Reporting
{
    /// <summary>
    /// Turns collected probe ids into the report model: resolves each id through the line maps, converts ticks to
    /// nanoseconds less the probe's own measured cost, and sums ids that name the same line of the same method (a
    /// field initializer woven into several constructors, for instance).
    /// </summary>
    internal static class ReportBuilder
    {
        /// <summary>What remains of the probe's cost per hit after calibration, as measured (see the README).</summary>
        internal const long ResidualErrorPerHitNs = 5;

        internal static ProfileReport Build(StoreSnapshot store, LineSample[] outside, string mode, double rate = 1.0)
        {
            bool sampled = mode == ProfilingModes.Sampled;
            ProbeClock.Recalibrate(); // every report checks the counter still runs at the rate the probe scales by
            var errors = sampled ? ErrorModel.Sampling(Nanoseconds(LineSampler.MeanIntervalTicks)) : ErrorModel.PerHit(ResidualErrorPerHitNs);
            var resolver = new Resolver(sampled ? 0 : ProbeCalibration.PerHitTicks, errors);
            var report = new ProfileReport
            {
                Mode = mode,
                Clock = ProbeClock.Name,
                SampleIntervalNs = sampled ? Nanoseconds(LineSampler.MeanIntervalTicks) : 0,
                GeneratedUtc = DateTime.UtcNow,
                RequestCount = store.RequestCount,
                Selection = new SelectionReport
                {
                    Rate = rate,
                    Profiled = store.RequestCount,
                    Triggered = store.Selection.Triggered,
                    Unprofiled = store.Selection.Unprofiled,
                    OverCap = store.Selection.OverCap,
                    RefusedTriggers = store.Selection.RefusedTriggers,
                },
                ProbeOverheadNs = sampled ? 0 : Nanoseconds(ProbeCalibration.PerHitTicks),
                Lines = resolver.SummedLines(store.Lines),
                Methods = resolver.Methods(store.Lines),
                OutsideRequests = new OutsideRequestsReport { Lines = resolver.SummedLines(outside), Methods = resolver.Methods(outside) },
                Assemblies = LineMapRegistry.AssemblyNames(),
                LineCosts = LineCostSettings.Report(),
            };
            var costs = new LineCostReporting(resolver.Entry, LineCostSettings.NPlusOneThreshold);
            costs.Attach(report.Lines, store.Costs);

            foreach (var request in store.Requests)
            {
                RequestReport requestReport;
                report.Requests.Add(requestReport = new RequestReport
                {
                    Kind = request.Kind,
                    Name = request.Kind == WorkKinds.Http ? request.Endpoint : request.Path,
                    Id = request.Id,
                    Method = request.Method,
                    Path = request.Path,
                    Endpoint = request.Endpoint,
                    Status = request.Status,
                    StartedUtc = request.StartedUtc,
                    DurationNs = Nanoseconds(request.DurationTicks),
                    WarmUp = request.WarmUp ? true : null,
                    TraceId = request.TraceId,
                    SpanId = request.SpanId,
                    MessagesIn = request.MessagesIn,
                    MessagesOut = request.MessagesOut,
                    Lines = resolver.RequestLines(request.Lines),
                    Methods = resolver.Methods(request.Lines),
                });
                costs.Attach(requestReport.Lines, request.Costs);
                var totals = LineCostReporting.Totals(request.Costs);
                (requestReport.DbCommands, requestReport.DbNs, requestReport.HttpCalls, requestReport.HttpNs) = totals;
            }

            foreach (var endpoint in store.Endpoints)
            {
                EndpointReport endpointReport;
                report.Endpoints.Add(endpointReport = new EndpointReport
                {
                    Name = endpoint.Name,
                    Count = endpoint.Count,
                    Profiled = endpoint.Profiled,
                    WarmUp = endpoint.WarmUp,
                    TotalNs = Nanoseconds(endpoint.TotalTicks),
                    MeanNs = endpoint.Count == 0 ? 0 : Nanoseconds(endpoint.TotalTicks) / endpoint.Count, // what totalNs / count reads, on any clock resolution
                    P50Ns = Nanoseconds(endpoint.P50Ticks),
                    P95Ns = Nanoseconds(endpoint.P95Ticks),
                    MaxNs = Nanoseconds(endpoint.MaxTicks),
                    MessagesIn = endpoint.MessagesIn,
                    MessagesOut = endpoint.MessagesOut,
                    Lines = resolver.RequestLines(endpoint.Lines),
                    Methods = resolver.Methods(endpoint.Lines),
                });
                costs.Attach(endpointReport.Lines, endpoint.Costs);
                (endpointReport.DbCommands, endpointReport.DbNs, endpointReport.HttpCalls, endpointReport.HttpNs) = LineCostReporting.Totals(endpoint.Costs);
            }

            return report;
        }

        internal static long Nanoseconds(long ticks) => ProbeClock.Nanoseconds(ticks);

        /// <summary>
        /// The line of <paramref name="lines"/> with the most self time, with its figures as a report gives them;
        /// null when no line ran. Resolves only the lines of one request, for a host that tells its tracer at the end.
        /// </summary>
        internal static RequestLine? HottestLine(LineSample[] lines, string mode)
        {
            bool sampled = mode == ProfilingModes.Sampled;
            var errors = sampled ? ErrorModel.Sampling(Nanoseconds(LineSampler.MeanIntervalTicks)) : ErrorModel.PerHit(ResidualErrorPerHitNs);
            RequestLine? hottest = null;
            foreach (var line in new Resolver(sampled ? 0 : ProbeCalibration.PerHitTicks, errors).RequestLines(lines))
            {
                if (hottest == null || line.SelfNs > hottest.SelfNs) hottest = line;
            }

            return hottest;
        }

        /// <summary>Resolves probe ids once per report, however many requests name them.</summary>
        private sealed class Resolver
        {
            private readonly Dictionary<int, LineMapEntry> _entries = new Dictionary<int, LineMapEntry>();
            private readonly long _overheadPerHit;
            private readonly ErrorModel _errors;

            public Resolver(long overheadPerHit, ErrorModel errors)
            {
                _overheadPerHit = overheadPerHit;
                _errors = errors;
            }

            public List<LineReport> SummedLines(LineSample[] samples) => Summed(samples, e => new LineReport { Source = e.Source });

            public List<RequestLine> RequestLines(LineSample[] samples) => Summed(samples, e => new RequestLine());

            /// <summary>The methods among <paramref name="samples"/>, with their lines' self time summed.</summary>
            public List<MethodReport> Methods(LineSample[] samples)
            {
                var byMethod = new Dictionary<(string, string), MethodReport>();
                var result = new List<MethodReport>();
                foreach (var sample in samples)
                {
                    var entry = Entry(sample.Probe);
                    var key = (entry.File, entry.Method);
                    if (!byMethod.TryGetValue(key, out var method))
                    {
                        method = new MethodReport { File = entry.File, Method = entry.Method, Line = entry.Line, Counted = true };
                        byMethod.Add(key, method);
                        result.Add(method);
                    }

                    method.Counted &= entry.Counted;
                    method.Line = Math.Min(method.Line, entry.Line);
                    method.Calls += sample.Calls;
                    method.TimeNs += Nanoseconds(sample.MethodTicks);
                    method.SelfNs += Calibrated(sample.SelfTicks, sample.Hits);
                    method.AllocBytes += sample.Figures.MethodAllocBytes;
                }

                return result;
            }

            /// <summary>
            /// The lines among <paramref name="samples"/>, ids of one source line summed into one; <paramref name="create"/>
            /// makes the scope's kind of line, with what only that kind carries.
            /// </summary>
            private List<T> Summed<T>(LineSample[] samples, Func<LineMapEntry, T> create) where T : LineFigures
            {
                var byLine = new Dictionary<(string, int, string), T>();
                var result = new List<T>();
                foreach (var sample in samples)
                {
                    if (sample.Hits == 0 && sample.Ticks == 0 && sample.SelfTicks == 0) continue; // only a method's own figures
                    var entry = Entry(sample.Probe);
                    var key = (entry.File, entry.Line, entry.Method);
                    if (!byLine.TryGetValue(key, out var line))
                    {
                        line = create(entry);
                        (line.File, line.Line, line.Method, line.Counted) = (entry.File, entry.Line, entry.Method, true);
                        byLine.Add(key, line);
                        result.Add(line);
                    }

                    line.Counted &= entry.Counted;
                    line.Hits += sample.Hits;
                    line.TimeNs += Calibrated(sample.Ticks, sample.Hits);
                    line.SelfNs += Calibrated(sample.SelfTicks, sample.Hits);
                    line.TimeErrorNs = _errors.Of(line.TimeNs, line.Hits);
                    line.AllocBytes += sample.Figures.AllocBytes;
                    line.SelfAllocBytes += sample.Figures.SelfAllocBytes;
                }

                return result;
            }

            /// <summary>Each hit's interval includes one probe's own cost; take it off, never below zero.</summary>
            private long Calibrated(long ticks, long hits) => Nanoseconds(Math.Max(0, ticks - hits * _overheadPerHit));

            public LineMapEntry Entry(int probe)
            {
                if (!_entries.TryGetValue(probe, out var entry))
                    _entries.Add(probe, entry = LineMapRegistry.Resolve(probe) ?? new LineMapEntry("(unknown)", 0, "(probe " + probe + ")", ""));
                return entry;
            }
        }

        /// <summary>How uncertain a line's time is, by mode.</summary>
        private sealed class ErrorModel
        {
            private readonly long _perHitNs;
            private readonly long _intervalNs;

            private ErrorModel(long perHitNs, long intervalNs)
            {
                _perHitNs = perHitNs;
                _intervalNs = intervalNs;
            }

            /// <summary>Exact mode: each hit's interval may be off by the calibration's residual.</summary>
            public static ErrorModel PerHit(long nanoseconds) => new ErrorModel(nanoseconds, 0);

            /// <summary>
            /// Sampled mode: a line seen in n samples of interval d has time n·d, give or take about d·√n (the count of
            /// samples landing on a line is close to Poisson). Await times measured exactly make this an upper bound.
            /// </summary>
            public static ErrorModel Sampling(long intervalNs) => new ErrorModel(0, intervalNs);

            public long Of(long timeNs, long hits) => _intervalNs > 0
                ? (long)Math.Sqrt((double)Math.Max(timeNs, 0) * _intervalNs)
                : hits * _perHitNs;
        }
    }
}
