using System;
using System.Collections.Generic;

namespace LineProf.Reporting
{
    /// <summary>
    /// The page's copy of what lines cost beyond time (report.js: decodeLineCosts): under <c>lineCosts</c>, the totals',
    /// each endpoint's and each request's lines that have any cost, as rows of [line-table index, allocBytes,
    /// selfAllocBytes, dbCommands, dbNs, httpCalls, httpNs, nPlusOne (0/1), commands], a command being [kind, text,
    /// httpMethod, host, path, count, timeNs, maxPerRequest, nPlusOne (0/1)]. Plain arrays: most lines have no cost.
    /// </summary>
    internal static class LineCostPageData
    {
        internal static void Write(JsonWriter json, ProfileReport report, Func<string, int, string, int> indexOf)
        {
            if (report.LineCosts == null) return;
            json.Name("lineCosts").StartObject()
                .Property("allocations", report.LineCosts.Allocations)
                .Property("databaseCommands", report.LineCosts.DatabaseCommands)
                .Property("httpCalls", report.LineCosts.HttpCalls)
                .Property("nPlusOneThreshold", report.LineCosts.NPlusOneThreshold);

            json.Name("totals");
            Rows(json, report.Lines, indexOf);
            json.Name("endpoints").StartArray();
            foreach (var endpoint in report.Endpoints) Rows(json, endpoint.Lines, indexOf);
            json.EndArray();
            json.Name("requests").StartArray();
            foreach (var request in report.Requests) Rows(json, request.Lines, indexOf);
            json.EndArray();
            json.EndObject();
        }

        private static void Rows(JsonWriter json, IEnumerable<LineFigures> lines, Func<string, int, string, int> indexOf)
        {
            json.StartArray();
            foreach (var line in lines)
            {
                var numbers = new[] { line.AllocBytes, line.SelfAllocBytes, line.DbCommands, line.DbNs, line.HttpCalls, line.HttpNs, line.NPlusOne ? 1L : 0L };
                var commands = line.Commands;
                bool any = commands != null && commands.Count > 0;
                foreach (long n in numbers) any |= n != 0;
                if (!any) continue;
                json.StartArray().Value(indexOf(line.File, line.Line, line.Method));
                foreach (long n in numbers) json.Value(n);
                json.StartArray();
                foreach (var c in commands ?? new List<LineCommand>())
                {
                    json.StartArray().Value(c.Kind).Value(c.Text).Value(c.HttpMethod).Value(c.Host).Value(c.Path)
                        .Value(c.Count).Value(c.TimeNs).Value(c.MaxPerRequest).Value(c.NPlusOne ? 1L : 0L).EndArray();
                }

                json.EndArray().EndArray();
            }

            json.EndArray();
        }
    }
}
