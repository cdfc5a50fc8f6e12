using System.Collections.Generic;
using System.IO;

namespace LineProf.Reporting
{
    /// <summary>Writes the report model as lineprof.json (schema version 1).</summary>
    public static class ReportJson
    {
        /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
        public static void Write(ProfileReport report, TextWriter output)
        {
            var json = new JsonWriter(output);
            json.StartObject()
                .Property("schemaVersion", report.SchemaVersion)
                .Property("mode", report.Mode)
                .Property("clock", report.Clock)
                .Property("sampleIntervalNs", report.SampleIntervalNs)
                .Property("generatedUtc", report.GeneratedUtc)
                .Property("requestCount", report.RequestCount)
                .Property("probeOverheadNs", report.ProbeOverheadNs);

            json.Name("requests").StartArray();
            foreach (var request in report.Requests)
            {
                json.StartObject()
                    .Property("id", request.Id)
                    .Property("method", request.Method)
                    .Property("path", request.Path)
                    .Property("endpoint", request.Endpoint)
                    .Property("status", request.Status)
                    .Property("startedUtc", request.StartedUtc)
                    .Property("durationNs", request.DurationNs);
                // Absent, not null, for a request that was not traced: most are not.
                if (request.TraceId != null) json.Property("traceId", request.TraceId);
                if (request.SpanId != null) json.Property("spanId", request.SpanId);
                WriteLines(json, "lines", request.Lines);
                WriteMethods(json, request.Methods);
                json.EndObject();
            }

            json.EndArray();

            WriteLines(json, "lines", report.Lines);
            WriteMethods(json, report.Methods);

            json.Name("endpoints").StartArray();
            foreach (var endpoint in report.Endpoints)
            {
                json.StartObject()
                    .Property("name", endpoint.Name)
                    .Property("count", endpoint.Count)
                    .Property("totalNs", endpoint.TotalNs)
                    .Property("meanNs", endpoint.MeanNs)
                    .Property("p50Ns", endpoint.P50Ns)
                    .Property("p95Ns", endpoint.P95Ns)
                    .Property("maxNs", endpoint.MaxNs);
                WriteLines(json, "lines", endpoint.Lines);
                WriteMethods(json, endpoint.Methods);
                json.EndObject();
            }

            json.EndArray();

            json.Name("outsideRequests").StartObject();
            WriteLines(json, "lines", report.OutsideRequests.Lines);
            WriteMethods(json, report.OutsideRequests.Methods);
            json.EndObject();

            json.EndObject();
        }

        /// <summary>The report as a JSON string.</summary>
        public static string Serialize(ProfileReport report)
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(report, writer);
            return writer.ToString();
        }

        private static void WriteMethods(JsonWriter json, List<MethodReport> methods)
        {
            json.Name("methods").StartArray();
            foreach (var method in methods)
            {
                json.StartObject()
                    .Property("file", method.File)
                    .Property("method", method.Method)
                    .Property("line", method.Line)
                    .Property("calls", method.Calls)
                    .Property("timeNs", method.TimeNs)
                    .Property("selfNs", method.SelfNs)
                    .EndObject();
            }

            json.EndArray();
        }

        private static void WriteLines(JsonWriter json, string name, List<RequestLine> lines)
        {
            json.Name(name).StartArray();
            foreach (var line in lines)
            {
                json.StartObject()
                    .Property("file", line.File)
                    .Property("line", line.Line)
                    .Property("method", line.Method)
                    .Property("hits", line.Hits)
                    .Property("timeNs", line.TimeNs)
                    .Property("selfNs", line.SelfNs)
                    .Property("timeErrorNs", line.TimeErrorNs)
                    .EndObject();
            }

            json.EndArray();
        }

        private static void WriteLines(JsonWriter json, string name, List<LineReport> lines)
        {
            json.Name(name).StartArray();
            foreach (var line in lines)
            {
                json.StartObject()
                    .Property("file", line.File)
                    .Property("line", line.Line)
                    .Property("method", line.Method)
                    .Property("hits", line.Hits)
                    .Property("timeNs", line.TimeNs)
                    .Property("selfNs", line.SelfNs)
                    .Property("timeErrorNs", line.TimeErrorNs)
                    .Property("source", line.Source)
                    .EndObject();
            }

            json.EndArray();
        }
    }
}
