using System;
using System.Collections.Generic;
using System.Diagnostics;
using LineProf.Collection;
using LineProf.LineMaps;

namespace LineProf.Reporting
{
    /// <summary>
    /// Turns collected probe ids into the report model: resolves each id through the line maps, converts ticks to
    /// nanoseconds, and sums ids that name the same line of the same method (a field initializer woven into several
    /// constructors, for instance).
    /// </summary>
    internal static class ReportBuilder
    {
        internal static ProfileReport Build(StoreSnapshot store, LineSample[] outside, string mode)
        {
            var resolver = new Resolver();
            var report = new ProfileReport
            {
                Mode = mode,
                GeneratedUtc = DateTime.UtcNow,
                RequestCount = store.RequestCount,
                Lines = resolver.SummedLines(store.Lines),
                OutsideRequests = new OutsideRequestsReport { Lines = resolver.SummedLines(outside) },
            };

            foreach (var request in store.Requests)
            {
                report.Requests.Add(new RequestReport
                {
                    Id = request.Id,
                    Method = request.Method,
                    Path = request.Path,
                    Endpoint = request.Endpoint,
                    Status = request.Status,
                    StartedUtc = request.StartedUtc,
                    DurationNs = Nanoseconds(request.DurationTicks),
                    Lines = resolver.RequestLines(request.Lines),
                });
            }

            foreach (var endpoint in store.Endpoints)
            {
                report.Endpoints.Add(new EndpointReport
                {
                    Name = endpoint.Name,
                    Count = endpoint.Count,
                    TotalNs = Nanoseconds(endpoint.TotalTicks),
                    MeanNs = endpoint.Count == 0 ? 0 : Nanoseconds(endpoint.TotalTicks / endpoint.Count),
                    P50Ns = Nanoseconds(endpoint.P50Ticks),
                    P95Ns = Nanoseconds(endpoint.P95Ticks),
                    MaxNs = Nanoseconds(endpoint.MaxTicks),
                    Lines = resolver.RequestLines(endpoint.Lines),
                });
            }

            return report;
        }

        internal static long Nanoseconds(long ticks) =>
            Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));

        /// <summary>Resolves probe ids once per report, however many requests name them.</summary>
        private sealed class Resolver
        {
            private readonly Dictionary<int, LineMapEntry> _entries = new Dictionary<int, LineMapEntry>();

            public List<LineReport> SummedLines(LineSample[] samples)
            {
                var byLine = new Dictionary<(string, int, string), LineReport>();
                var result = new List<LineReport>();
                foreach (var sample in samples)
                {
                    var entry = Entry(sample.Probe);
                    var key = (entry.File, entry.Line, entry.Method);
                    if (!byLine.TryGetValue(key, out var line))
                    {
                        line = new LineReport { File = entry.File, Line = entry.Line, Method = entry.Method, Source = entry.Source };
                        byLine.Add(key, line);
                        result.Add(line);
                    }

                    line.Hits += sample.Hits;
                    line.TimeNs += Nanoseconds(sample.Ticks);
                    line.SelfNs += Nanoseconds(sample.SelfTicks);
                }

                return result;
            }

            public List<RequestLine> RequestLines(LineSample[] samples)
            {
                var byLine = new Dictionary<(string, int, string), RequestLine>();
                var result = new List<RequestLine>();
                foreach (var sample in samples)
                {
                    var entry = Entry(sample.Probe);
                    var key = (entry.File, entry.Line, entry.Method);
                    if (!byLine.TryGetValue(key, out var line))
                    {
                        line = new RequestLine { File = entry.File, Line = entry.Line, Method = entry.Method };
                        byLine.Add(key, line);
                        result.Add(line);
                    }

                    line.Hits += sample.Hits;
                    line.TimeNs += Nanoseconds(sample.Ticks);
                    line.SelfNs += Nanoseconds(sample.SelfTicks);
                }

                return result;
            }

            private LineMapEntry Entry(int probe)
            {
                if (!_entries.TryGetValue(probe, out var entry))
                    _entries.Add(probe, entry = LineMapRegistry.Resolve(probe) ?? new LineMapEntry("(unknown)", 0, "(probe " + probe + ")", ""));
                return entry;
            }
        }
    }
}
