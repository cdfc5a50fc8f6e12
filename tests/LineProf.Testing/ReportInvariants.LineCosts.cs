using System.Text.Json;
using LineProf.Reporting;

namespace LineProf.Testing;

/// <summary>The invariants of what a line costs beyond time: allocations, database commands, HTTP calls.</summary>
public static partial class ReportInvariants
{
    /// <summary>One line's costs, wherever it is shown.</summary>
    private sealed record LineCosts(string Where, long AllocBytes, long SelfAllocBytes, long DbCommands, long DbNs, long HttpCalls,
        long HttpNs, bool NPlusOne, List<LineCommand>? Commands);

    private static LineCosts CostsOf(string scope, RequestLine l) =>
        new($"{scope} line {Key(l)}", l.AllocBytes, l.SelfAllocBytes, l.DbCommands, l.DbNs, l.HttpCalls, l.HttpNs, l.NPlusOne, l.Commands);

    private static LineCosts CostsOf(string scope, LineReport l) =>
        new($"{scope} line {Key(l)}", l.AllocBytes, l.SelfAllocBytes, l.DbCommands, l.DbNs, l.HttpCalls, l.HttpNs, l.NPlusOne, l.Commands);

    private static void LineCostsHold(ProfileReport report, List<string> found)
    {
        int? threshold = report.LineCosts?.NPlusOneThreshold;
        foreach (var line in report.Lines) OneLine(CostsOf("totals", line), threshold, found);
        foreach (var line in report.OutsideRequests.Lines) OneLine(CostsOf("outside requests", line), threshold, found);
        foreach (var request in report.Requests) RequestLineCosts(request, threshold, found);
        foreach (var endpoint in report.Endpoints)
        {
            string where = "endpoint " + endpoint.Name;
            foreach (var line in endpoint.Lines) OneLine(CostsOf(where, line), threshold, found);
            WithinScope(where, endpoint.DbCommands, endpoint.DbNs, endpoint.HttpCalls, endpoint.HttpNs, endpoint.Lines.Select(l => CostsOf(where, l)), found);
        }

        bool allRetained = report.Requests.Count == report.RequestCount;
        var requestsByEndpoint = report.Requests.GroupBy(r => EndpointNameOf(r, report) ?? "").ToDictionary(g => g.Key, g => g.ToList());
        foreach (var endpoint in report.Endpoints)
        {
            var requests = requestsByEndpoint.GetValueOrDefault(endpoint.Name) ?? [];
            string where = "endpoint " + endpoint.Name;
            AddUp("[requests' commands add up to their endpoint]", "retained requests", requests.Sum(r => r.DbCommands), requests.Sum(r => r.HttpCalls),
                where, endpoint.DbCommands, endpoint.HttpCalls, allRetained, found);
            CompareLineCosts("[requests' line costs add up to their endpoint]", "retained requests", requests.SelectMany(r => r.Lines.Select(l => (Key(l), CostsOf("", l)))),
                where, endpoint.Lines.Select(l => (Key(l), CostsOf("", l))), allRetained, found);
        }

        CompareLineCosts("[endpoints' line costs add up to the totals]", "all endpoints", report.Endpoints.SelectMany(e => e.Lines.Select(l => (Key(l), CostsOf("", l)))),
            "totals", report.Lines.Select(l => (Key(l), CostsOf("", l))), exact: true, found);
        MethodAllocationsHold(report, requestsByEndpoint, allRetained, found);
    }

    /// <summary>A method's allocated bytes, in every scope: counted only where the report says so, and adding up like its time.</summary>
    private static void MethodAllocationsHold(ProfileReport report, Dictionary<string, List<RequestReport>> requestsByEndpoint, bool allRetained, List<string> found)
    {
        var scopes = new List<(string Where, List<MethodReport> Methods, IEnumerable<(string, long)> Lines)>
        {
            ("totals", report.Methods, report.Lines.Select(l => (l.Method, l.AllocBytes))),
            ("outside requests", report.OutsideRequests.Methods, report.OutsideRequests.Lines.Select(l => (l.Method, l.AllocBytes))),
        };
        scopes.AddRange(report.Endpoints.Select(e => ("endpoint " + e.Name, e.Methods, e.Lines.Select(l => (l.Method, l.AllocBytes)))));
        scopes.AddRange(report.Requests.Select(r => (Describe(r), r.Methods, r.Lines.Select(l => (l.Method, l.AllocBytes)))));
        foreach (var (where, methods, lines) in scopes)
        {
            MethodAllocations(where, methods, lines, found);
            if (report.LineCosts?.MethodAllocations != true)
            {
                foreach (var m in methods.Where(m => m.AllocBytes != 0))
                    found.Add($"[method alloc only where counted] {where} method {m.Method}: allocBytes {m.AllocBytes:N0}, but lineCosts.methodAllocations is not true");
            }
        }

        static Dictionary<string, long> Sum(IEnumerable<MethodReport> methods) => methods.GroupBy(m => m.Method).ToDictionary(g => g.Key, g => g.Sum(m => m.AllocBytes));
        void AddUp(string what, string partName, IEnumerable<MethodReport> part, string wholeName, IEnumerable<MethodReport> whole, bool exact)
        {
            var wholes = Sum(whole);
            foreach (var (method, bytes) in Sum(part))
            {
                long w = wholes.GetValueOrDefault(method);
                if (exact ? bytes != w : bytes > w)
                    found.Add($"{what}: method {method} {partName} sum to allocBytes {bytes:N0}, {wholeName} has {w:N0}");
            }
        }

        foreach (var endpoint in report.Endpoints)
            AddUp("[requests' method allocations add up to their endpoint]", "retained requests",
                (requestsByEndpoint.GetValueOrDefault(endpoint.Name) ?? []).SelectMany(r => r.Methods), "endpoint " + endpoint.Name, endpoint.Methods, allRetained);
        AddUp("[endpoints' method allocations add up to the totals]", "all endpoints", report.Endpoints.SelectMany(e => e.Methods), "totals", report.Methods, exact: true);
    }

    /// <summary>
    /// One scope's methods: no negative bytes, and, where its lines carry bytes (exact mode), no more than the
    /// method's lines allocated, which include its nested invocations' that the method counts once.
    /// </summary>
    private static void MethodAllocations(string where, IEnumerable<MethodReport> methods, IEnumerable<(string Method, long AllocBytes)> lines, List<string> found)
    {
        var linesByMethod = lines.GroupBy(l => l.Method).ToDictionary(g => g.Key, g => g.Sum(l => l.AllocBytes));
        foreach (var method in methods.GroupBy(m => m.Method))
        {
            foreach (var m in method) Require($"{where} method {m.Method}", "allocBytes", m.AllocBytes, found);
            long bytes = method.Sum(m => m.AllocBytes), ofLines = linesByMethod.GetValueOrDefault(method.Key);
            if (ofLines > 0 && bytes > ofLines)
                found.Add($"[method alloc ≤ its lines' alloc] {where} method {method.Key}: allocBytes {bytes:N0} > its lines' {ofLines:N0}");
        }
    }

    private static void RequestLineCosts(RequestReport request, int? threshold, List<string> found)
    {
        string where = Describe(request);
        foreach (var line in request.Lines)
        {
            var costs = CostsOf(where, line);
            OneLine(costs, threshold, found);
            foreach (var command in line.Commands ?? [])
            {
                if (command.MaxPerRequest != command.Count)
                    found.Add($"[one request's most is its count] {costs.Where} {Describe(command)}: maxPerRequest {command.MaxPerRequest:N0}, count {command.Count:N0}");
            }
        }

        WithinScope(where, request.DbCommands, request.DbNs, request.HttpCalls, request.HttpNs, request.Lines.Select(l => CostsOf(where, l)), found);
        if (threshold == null) MethodAllocations(where, request.Methods, request.Lines.Select(l => (l.Method, l.AllocBytes)), found); // the whole report checks them with the other scopes
    }

    private static void OneLine(LineCosts l, int? threshold, List<string> found)
    {
        foreach (var (figure, value) in new[] { ("allocBytes", l.AllocBytes), ("selfAllocBytes", l.SelfAllocBytes), ("dbCommands", l.DbCommands),
                     ("dbNs", l.DbNs), ("httpCalls", l.HttpCalls), ("httpNs", l.HttpNs) })
            Require(l.Where, figure, value, found);
        if (l.SelfAllocBytes > l.AllocBytes)
            found.Add($"[self alloc ≤ alloc] {l.Where}: selfAllocBytes {l.SelfAllocBytes:N0} > allocBytes {l.AllocBytes:N0}");

        var commands = l.Commands ?? [];
        var db = commands.Where(c => c.Kind == "db").ToList();
        var http = commands.Where(c => c.Kind == "http").ToList();
        if (db.Sum(c => c.Count) != l.DbCommands || db.Sum(c => c.TimeNs) != l.DbNs)
            found.Add($"[commands add up to their line] {l.Where}: dbCommands {l.DbCommands:N0} dbNs {l.DbNs:N0}, its commands sum to {db.Sum(c => c.Count):N0} and {db.Sum(c => c.TimeNs):N0}");
        if (http.Sum(c => c.Count) != l.HttpCalls || http.Sum(c => c.TimeNs) != l.HttpNs)
            found.Add($"[commands add up to their line] {l.Where}: httpCalls {l.HttpCalls:N0} httpNs {l.HttpNs:N0}, its calls sum to {http.Sum(c => c.Count):N0} and {http.Sum(c => c.TimeNs):N0}");
        if (l.NPlusOne != db.Any(c => c.NPlusOne))
            found.Add($"[N+1 is its commands'] {l.Where}: nPlusOne {l.NPlusOne}, its commands' {db.Any(c => c.NPlusOne)}");

        foreach (var command in commands)
        {
            string what = $"{l.Where} {Describe(command)}";
            Require(what, "count", command.Count, found);
            Require(what, "timeNs", command.TimeNs, found);
            if (command.Kind is not ("db" or "http")) found.Add($"[known command kind] {what}: kind '{command.Kind}'");
            if (command.MaxPerRequest > command.Count || (command.Count > 0 && command.MaxPerRequest < 1))
                found.Add($"[most per request within count] {what}: maxPerRequest {command.MaxPerRequest:N0}, count {command.Count:N0}");
            if (threshold is int n && command.NPlusOne != (command.Kind == "db" && command.MaxPerRequest > n))
                found.Add($"[N+1 is the threshold's verdict] {what}: nPlusOne {command.NPlusOne} with maxPerRequest {command.MaxPerRequest:N0}, threshold {n}");
        }
    }

    /// <summary>A request's or endpoint's commands include those issued from no profiled line, so its lines' sum is at most its own.</summary>
    private static void WithinScope(string where, long dbCommands, long dbNs, long httpCalls, long httpNs, IEnumerable<LineCosts> lines, List<string> found)
    {
        Require(where, "dbCommands", dbCommands, found);
        Require(where, "dbNs", dbNs, found);
        Require(where, "httpCalls", httpCalls, found);
        Require(where, "httpNs", httpNs, found);
        var list = lines.ToList();
        if (list.Sum(l => l.DbCommands) > dbCommands || list.Sum(l => l.DbNs) > dbNs)
            found.Add($"[lines' commands within their scope] {where}: lines sum to {list.Sum(l => l.DbCommands):N0} commands, {list.Sum(l => l.DbNs):N0} ns; it has {dbCommands:N0}, {dbNs:N0} ns");
        if (list.Sum(l => l.HttpCalls) > httpCalls || list.Sum(l => l.HttpNs) > httpNs)
            found.Add($"[lines' calls within their scope] {where}: lines sum to {list.Sum(l => l.HttpCalls):N0} calls, {list.Sum(l => l.HttpNs):N0} ns; it has {httpCalls:N0}, {httpNs:N0} ns");
    }

    private static void AddUp(string what, string partName, long partDb, long partHttp, string wholeName, long wholeDb, long wholeHttp, bool exact, List<string> found)
    {
        if (exact ? partDb != wholeDb || partHttp != wholeHttp : partDb > wholeDb || partHttp > wholeHttp)
            found.Add($"{what}: {partName} sum to {partDb:N0} commands and {partHttp:N0} calls, {wholeName} has {wholeDb:N0} and {wholeHttp:N0}");
    }

    private static void CompareLineCosts(string what, string partName, IEnumerable<(LineKey, LineCosts)> part, string wholeName,
        IEnumerable<(LineKey, LineCosts)> whole, bool exact, List<string> found)
    {
        static Dictionary<LineKey, (long Alloc, long Self, long Db, long Http)> Sum(IEnumerable<(LineKey Key, LineCosts Costs)> lines) =>
            lines.GroupBy(l => l.Key).ToDictionary(g => g.Key, g => (g.Sum(l => l.Costs.AllocBytes), g.Sum(l => l.Costs.SelfAllocBytes),
                g.Sum(l => l.Costs.DbCommands), g.Sum(l => l.Costs.HttpCalls)));

        var parts = Sum(part);
        var wholes = Sum(whole);
        foreach (var (key, p) in parts)
        {
            var w = wholes.GetValueOrDefault(key);
            bool broken = exact ? p != w : p.Alloc > w.Alloc || p.Db > w.Db || p.Http > w.Http;
            if (broken) found.Add($"{what}: {key} {partName} sum to alloc {p.Alloc:N0} B (self {p.Self:N0}), {p.Db:N0} commands, {p.Http:N0} calls; {wholeName} has {w.Alloc:N0} B (self {w.Self:N0}), {w.Db:N0}, {w.Http:N0}");
        }
    }

    private static string Describe(LineCommand c) => c.Kind == "http" ? $"call {c.HttpMethod} {c.Host}{c.Path}" : $"command \"{c.Text}\"";

    /// <summary>The page's copy of the line costs (LineCostPageData.cs) is the JSON's, line for line, in every scope.</summary>
    private static void LineCostsOnThePage(ProfileReport report, string html, List<string> found)
    {
        const string dataStart = "<script type=\"application/json\" id=\"lineprof-data\">";
        int start = html.IndexOf(dataStart, StringComparison.Ordinal) + dataStart.Length;
        using var document = JsonDocument.Parse(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)]);
        var root = document.RootElement;
        bool onPage = root.TryGetProperty("lineCosts", out var costs);
        if (report.LineCosts == null || !onPage)
        {
            if ((report.LineCosts == null) != !onPage) found.Add($"[page shows the JSON's line costs] lineprof.json {(report.LineCosts == null ? "has none" : "has them")}, the page {(onPage ? "has them" : "has none")}");
            return;
        }

        var files = root.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        var methods = root.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToList();
        var table = root.GetProperty("lines").EnumerateArray().Select(e => new LineKey(files[e[0].GetInt32()], e[1].GetInt32(), methods[e[2].GetInt32()])).ToList();

        Dictionary<LineKey, string> Page(JsonElement rows) => rows.EnumerateArray().ToDictionary(r => table[r[0].GetInt32()], r =>
            Signature(r[1].GetInt64(), r[2].GetInt64(), r[3].GetInt64(), r[4].GetInt64(), r[5].GetInt64(), r[6].GetInt64(), r[7].GetInt64() == 1,
                r[8].EnumerateArray().Select(c => $"{c[0].GetString()}|{c[1].GetString()}|{c[2].GetString()}|{c[3].GetString()}|{c[4].GetString()}|{c[5].GetInt64()}|{c[6].GetInt64()}|{c[7].GetInt64()}|{c[8].GetInt64() == 1}")));

        void Same(string scope, IEnumerable<(LineKey Key, LineCosts Costs)> json, JsonElement rows)
        {
            var expected = json.Select(l => (l.Key, Signature: Signature(l.Costs))).Where(l => l.Signature != Signature(0, 0, 0, 0, 0, 0, false, []))
                .ToDictionary(l => l.Key, l => l.Signature);
            var shown = Page(rows);
            foreach (var (key, signature) in expected.Where(e => shown.GetValueOrDefault(e.Key) != e.Value))
                found.Add($"[page shows the JSON's line costs] {scope} line {key}: lineprof.json {signature}, page {shown.GetValueOrDefault(key) ?? "nothing"}");
            foreach (var key in shown.Keys.Where(k => !expected.ContainsKey(k)))
                found.Add($"[page shows the JSON's line costs] {scope} line {key}: the page has {shown[key]}, lineprof.json nothing");
        }

        Same("totals", report.Lines.Select(l => (Key(l), CostsOf("", l))), costs.GetProperty("totals"));
        var endpoints = costs.GetProperty("endpoints").EnumerateArray().ToList();
        var requests = costs.GetProperty("requests").EnumerateArray().ToList();
        for (int i = 0; i < Math.Min(endpoints.Count, report.Endpoints.Count); i++)
            Same("endpoint " + report.Endpoints[i].Name, report.Endpoints[i].Lines.Select(l => (Key(l), CostsOf("", l))), endpoints[i]);
        for (int i = 0; i < Math.Min(requests.Count, report.Requests.Count); i++)
            Same(Describe(report.Requests[i]), report.Requests[i].Lines.Select(l => (Key(l), CostsOf("", l))), requests[i]);
    }

    private static string Signature(LineCosts l) => Signature(l.AllocBytes, l.SelfAllocBytes, l.DbCommands, l.DbNs, l.HttpCalls, l.HttpNs, l.NPlusOne,
        (l.Commands ?? []).Select(c => $"{c.Kind}|{c.Text}|{c.HttpMethod}|{c.Host}|{c.Path}|{c.Count}|{c.TimeNs}|{c.MaxPerRequest}|{c.NPlusOne}"));

    private static string Signature(long alloc, long selfAlloc, long db, long dbNs, long http, long httpNs, bool nPlusOne, IEnumerable<string> commands) =>
        $"alloc {alloc:N0} (self {selfAlloc:N0}), {db:N0} commands in {dbNs:N0} ns, {http:N0} calls in {httpNs:N0} ns{(nPlusOne ? ", N+1" : "")} [{string.Join("; ", commands)}]";
}
