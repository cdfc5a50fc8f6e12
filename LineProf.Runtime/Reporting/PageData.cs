using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using LineProf.Collection;

namespace LineProf.Reporting
{
    /// <summary>
    /// The report in the compact form the page renders (report.js decodes it): every distinct line once in a line
    /// table, and each request's, endpoint's and total figures as base64 VLQ strings of (line-table index delta,
    /// hits, time, time minus self), their methods' figures likewise (method-name index delta, calls, time, time
    /// minus self). A line-table row carries a fifth element, 1, when the line is counted, not timed. Ten thousand requests of fifty lines each take a few megabytes this way, where
    /// lineprof.json repeats file, method and property names on every line of every request. It is the page's own
    /// format (it may change between versions); lineprof.json is the stable one.
    /// </summary>
    internal static class PageData
    {
        internal const int Format = 1;

        /// <summary>Writes <paramref name="report"/>; <paramref name="version"/> tells the live page what it has.</summary>
        internal static void Write(ProfileReport report, long version, TextWriter output)
        {
            var table = new LineTable(report);
            var endpointIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < report.Endpoints.Count; i++) endpointIndex[report.Endpoints[i].Name] = i;

            var json = new JsonWriter(output);
            json.StartObject()
                .Property("format", Format)
                .Property("version", version)
                .Property("mode", report.Mode)
                .Property("clock", report.Clock)
                .Property("sampleIntervalNs", report.SampleIntervalNs)
                .Property("generatedUtc", report.GeneratedUtc)
                .Property("requestCount", report.RequestCount)
                .Property("probeOverheadNs", report.ProbeOverheadNs);

            // How requests were chosen: [rate, profiled, triggered, unprofiled, overCap, refusedTriggers]; null in a
            // report from before selection (or a merge that has none).
            json.Name("selection");
            if (report.Selection is { } selection)
            {
                json.StartArray().Value(selection.Rate).Value(selection.Profiled).Value(selection.Triggered).Value(selection.Unprofiled)
                    .Value(selection.OverCap).Value(selection.RefusedTriggers).EndArray();
            }
            else
            {
                json.Value((string?)null);
            }

            json.Name("files").StartArray();
            foreach (var file in table.Files) json.Value(file);
            json.EndArray();

            json.Name("methods").StartArray();
            foreach (var method in table.Methods) json.Value(method);
            json.EndArray();

            json.Name("lines").StartArray();
            foreach (var line in table.Entries)
            {
                json.StartArray().Value(line.File).Value(line.Line).Value(line.Method).Value(line.Source);
                if (line.Counted) json.Value(1); // counted, not timed: its time is in the calling line
                json.EndArray();
            }
            json.EndArray();

            json.Property("totals", table.Encode(report.Lines));
            json.Property("totalMethods", table.Encode(report.Methods));
            json.Property("outside", table.Encode(report.OutsideRequests.Lines));
            json.Property("outsideMethods", table.Encode(report.OutsideRequests.Methods));

            json.Name("endpoints").StartArray();
            foreach (var endpoint in report.Endpoints)
            {
                json.StartArray().Value(endpoint.Name).Value(endpoint.Count).Value(endpoint.TotalNs).Value(endpoint.MeanNs)
                    .Value(endpoint.P50Ns).Value(endpoint.P95Ns).Value(endpoint.MaxNs).Value(table.Encode(endpoint.Lines))
                    .Value(table.Encode(endpoint.Methods)).Value(endpoint.MessagesIn).Value(endpoint.MessagesOut)
                    .Value(endpoint.Profiled).Value(endpoint.WarmUp).EndArray();
            }

            json.EndArray();

            json.Name("requests").StartArray();
            foreach (var request in report.Requests)
            {
                long profiled = 0;
                foreach (var line in request.Lines) profiled += line.SelfNs;
                json.StartArray().Value(request.Id).Value(request.Method).Value(request.Path).Value(request.Endpoint)
                    .Value(EndpointOf(request, endpointIndex)).Value(request.Status)
                    .Value((long)(request.StartedUtc.ToUniversalTime() - Epoch).TotalMilliseconds)
                    .Value(request.DurationNs).Value(profiled).Value(table.Encode(request.Lines)).Value(table.Encode(request.Methods))
                    .Value(request.Kind).Value(request.Name).Value(request.TraceId).Value(request.SpanId)
                    .Value(request.MessagesIn).Value(request.MessagesOut).Value(request.WarmUp == true ? 1 : 0).EndArray();
            }

            json.EndArray();
            LineCostPageData.Write(json, report, table.IndexOf);
            json.EndObject();
        }

        internal static string Serialize(ProfileReport report, long version)
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(report, version, writer);
            return writer.ToString();
        }

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The index of the endpoint the request is summed under; -1 if it is not in the report.</summary>
        private static int EndpointOf(RequestReport request, Dictionary<string, int> endpoints)
        {
            if (endpoints.TryGetValue(RequestProfile.EndpointKeyOf(request.Method, request.Endpoint), out int index)) return index;
            return endpoints.TryGetValue(ResultsStore.OtherEndpoints, out index) ? index : -1;
        }

        /// <summary>Every distinct line of the report once, its file and method names once each.</summary>
        private sealed class LineTable
        {
            /// <summary>The line-table index of a line of the report.</summary>
            public int IndexOf(string file, int line, string method) => _index[(file, line, method)];

            private readonly Dictionary<(string File, int Line, string Method), int> _index = new Dictionary<(string, int, string), int>();
            private readonly Dictionary<string, int> _files = new Dictionary<string, int>(StringComparer.Ordinal);
            private readonly Dictionary<string, int> _methods = new Dictionary<string, int>(StringComparer.Ordinal);

            public LineTable(ProfileReport report)
            {
                foreach (var line in report.Lines) Add(line);
                foreach (var line in report.OutsideRequests.Lines) Add(line);

                // Lines counted between the totals and a request's snapshot have no source here; they still get a row.
                foreach (var request in report.Requests)
                    foreach (var line in request.Lines) Add(line);
                foreach (var endpoint in report.Endpoints)
                    foreach (var line in endpoint.Lines) Add(line);

                // Methods are named by their index in Methods, which is written before any figures.
                var methods = new List<MethodReport>(report.Methods);
                methods.AddRange(report.OutsideRequests.Methods);
                foreach (var request in report.Requests) methods.AddRange(request.Methods);
                foreach (var endpoint in report.Endpoints) methods.AddRange(endpoint.Methods);
                foreach (var method in methods) Intern(_methods, Methods, method.Method);
            }

            public List<string> Files { get; } = new List<string>();
            public List<string> Methods { get; } = new List<string>();
            public List<(int File, int Line, int Method, string Source, bool Counted)> Entries { get; } = new List<(int, int, int, string, bool)>();

            public string Encode(IReadOnlyCollection<LineFigures> lines)
            {
                var figures = new List<(int Index, long Hits, long TimeNs, long SelfNs)>(lines.Count);
                foreach (var line in lines) figures.Add((_index[(line.File, line.Line, line.Method)], line.Hits, line.TimeNs, line.SelfNs));
                return Encode(figures);
            }

            /// <summary>
            /// Methods by name, as the page groups lines. The weaver names every source method of a type apart (overloads
            /// carry their parameter types), so only types of one full name in two assemblies share a name here; their
            /// figures are summed, as the page shows their lines together.
            /// </summary>
            public string Encode(List<MethodReport> methods)
            {
                var byName = new Dictionary<int, (int Index, long Calls, long TimeNs, long SelfNs)>();
                foreach (var method in methods)
                {
                    int index = _methods[method.Method];
                    byName.TryGetValue(index, out var sum);
                    byName[index] = (index, sum.Calls + method.Calls, sum.TimeNs + method.TimeNs, sum.SelfNs + method.SelfNs);
                }

                return Encode(new List<(int, long, long, long)>(byName.Values));
            }

            private static string Encode(List<(int Index, long Hits, long TimeNs, long SelfNs)> figures)
            {
                // In table order, so each index is a small positive step from the previous one.
                figures.Sort((a, b) => a.Index.CompareTo(b.Index));
                var text = new StringBuilder(figures.Count * 8);
                int previous = 0;
                foreach (var line in figures)
                {
                    Base64Vlq.Append(text, (ulong)(line.Index - previous));
                    Base64Vlq.Append(text, (ulong)line.Hits);
                    Base64Vlq.AppendSigned(text, line.TimeNs);
                    Base64Vlq.AppendSigned(text, line.TimeNs - line.SelfNs);
                    previous = line.Index;
                }

                return text.ToString();
            }

            private void Add(LineFigures line)
            {
                var key = (line.File, line.Line, line.Method);
                if (_index.ContainsKey(key)) return;
                _index.Add(key, Entries.Count);
                string source = line is LineReport summed ? summed.Source : "";
                Entries.Add((Intern(_files, Files, line.File), line.Line, Intern(_methods, Methods, line.Method), source, line.Counted));
            }

            private static int Intern(Dictionary<string, int> index, List<string> names, string name)
            {
                if (index.TryGetValue(name, out int i)) return i;
                index.Add(name, names.Count);
                names.Add(name);
                return names.Count - 1;
            }
        }
    }
}
