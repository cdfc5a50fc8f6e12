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

            if (report.Selection is { } selection)
            {
                json.Name("selection").StartObject()
                    .Property("rate", selection.Rate)
                    .Property("profiled", selection.Profiled)
                    .Property("triggered", selection.Triggered)
                    .Property("unprofiled", selection.Unprofiled)
                    .Property("overCap", selection.OverCap)
                    .Property("refusedTriggers", selection.RefusedTriggers)
                    .EndObject();
            }

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
                    .Property("durationNs", request.DurationNs)
                    .Property("kind", request.Kind)
                    .Property("name", request.Name);
                if (request.WarmUp == true) json.Property("warmUp", true);
                WriteCostTotals(json, request.DbCommands, request.DbNs, request.HttpCalls, request.HttpNs);
                // Absent, not null, for a request that was not traced: most are not.
                if (request.TraceId != null) json.Property("traceId", request.TraceId);
                if (request.SpanId != null) json.Property("spanId", request.SpanId);
                WriteMessages(json, request.MessagesIn, request.MessagesOut);
                WriteLines(json, request.Lines);
                WriteMethods(json, request.Methods);
                json.EndObject();
            }

            json.EndArray();

            WriteLines(json, report.Lines);
            WriteMethods(json, report.Methods);

            json.Name("endpoints").StartArray();
            foreach (var endpoint in report.Endpoints)
            {
                json.StartObject()
                    .Property("name", endpoint.Name)
                    .Property("count", endpoint.Count)
                    .Property("profiled", endpoint.Profiled)
                    .Property("warmUp", endpoint.WarmUp)
                    .Property("totalNs", endpoint.TotalNs)
                    .Property("meanNs", endpoint.MeanNs)
                    .Property("p50Ns", endpoint.P50Ns)
                    .Property("p95Ns", endpoint.P95Ns)
                    .Property("maxNs", endpoint.MaxNs);
                WriteCostTotals(json, endpoint.DbCommands, endpoint.DbNs, endpoint.HttpCalls, endpoint.HttpNs);
                WriteMessages(json, endpoint.MessagesIn, endpoint.MessagesOut);
                WriteLines(json, endpoint.Lines);
                WriteMethods(json, endpoint.Methods);
                json.EndObject();
            }

            json.EndArray();

            json.Name("outsideRequests").StartObject();
            WriteLines(json, report.OutsideRequests.Lines);
            WriteMethods(json, report.OutsideRequests.Methods);
            json.EndObject();
            WriteLineCostsSettings(json, report.LineCosts);

            json.Name("assemblies").StartArray();
            foreach (var assembly in report.Assemblies) json.Value(assembly);
            json.EndArray();

            json.EndObject();
        }

        /// <summary>The report as a JSON string.</summary>
        public static string Serialize(ProfileReport report)
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(report, writer);
            return writer.ToString();
        }

        /// <summary>What a line costs beyond time; each figure only where it is not zero, so reports without them stay as they were.</summary>
        private static void WriteLineCosts(JsonWriter json, LineFigures line)
        {
            if (line.AllocBytes != 0 || line.SelfAllocBytes != 0) json.Property("allocBytes", line.AllocBytes).Property("selfAllocBytes", line.SelfAllocBytes);
            WriteCostTotals(json, line.DbCommands, line.DbNs, line.HttpCalls, line.HttpNs);
            if (line.NPlusOne) json.Property("nPlusOne", true);
            if (line.Commands == null || line.Commands.Count == 0) return;
            json.Name("commands").StartArray();
            foreach (var command in line.Commands)
            {
                json.StartObject().Property("kind", command.Kind);
                if (command.Text != null) json.Property("text", command.Text);
                if (command.HttpMethod != null) json.Property("httpMethod", command.HttpMethod);
                if (command.Host != null) json.Property("host", command.Host);
                if (command.Path != null) json.Property("path", command.Path);
                json.Property("count", command.Count).Property("timeNs", command.TimeNs).Property("maxPerRequest", command.MaxPerRequest);
                if (command.NPlusOne) json.Property("nPlusOne", true);
                json.EndObject();
            }

            json.EndArray();
        }

        /// <summary>Absent, not null, on what is no gRPC call: most requests are not.</summary>
        private static void WriteMessages(JsonWriter json, long? messagesIn, long? messagesOut)
        {
            if (messagesIn is { } received) json.Property("messagesIn", received);
            if (messagesOut is { } sent) json.Property("messagesOut", sent);
        }

        private static void WriteCostTotals(JsonWriter json, long dbCommands, long dbNs, long httpCalls, long httpNs)
        {
            if (dbCommands != 0) json.Property("dbCommands", dbCommands).Property("dbNs", dbNs);
            if (httpCalls != 0) json.Property("httpCalls", httpCalls).Property("httpNs", httpNs);
        }

        private static void WriteLineCostsSettings(JsonWriter json, LineCostsReport? costs)
        {
            if (costs == null) return;
            json.Name("lineCosts").StartObject()
                .Property("allocations", costs.Allocations)
                .Property("methodAllocations", costs.MethodAllocations)
                .Property("databaseCommands", costs.DatabaseCommands)
                .Property("httpCalls", costs.HttpCalls)
                .Property("nPlusOneThreshold", costs.NPlusOneThreshold)
                .EndObject();
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
                    .Property("selfNs", method.SelfNs);
                if (method.AllocBytes != 0) json.Property("allocBytes", method.AllocBytes); // only where counted, so reports without it stay as they were
                if (method.Counted) json.Property("counted", true);
                json.EndObject();
            }

            json.EndArray();
        }

        private static void WriteLines(JsonWriter json, IEnumerable<LineFigures> lines)
        {
            json.Name("lines").StartArray();
            foreach (var line in lines)
            {
                json.StartObject()
                    .Property("file", line.File)
                    .Property("line", line.Line)
                    .Property("method", line.Method)
                    .Property("hits", line.Hits)
                    .Property("timeNs", line.TimeNs)
                    .Property("selfNs", line.SelfNs)
                    .Property("timeErrorNs", line.TimeErrorNs);
                // A request's or endpoint's lines are among the summed ones, which carry the source text once for all.
                if (line is LineReport summed) json.Property("source", summed.Source);
                WriteLineCosts(json, line);
                if (line.Counted) json.Property("counted", true);
                json.EndObject();
            }

            json.EndArray();
        }
    }
}
