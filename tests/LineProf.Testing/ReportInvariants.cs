using LineProf.Reporting;

namespace LineProf.Testing;

/// <summary>
/// What must hold in every report, whatever the app did: the checks every test that reads a report runs (through
/// <see cref="ReportFile"/>), so a figure that is wrong on some app the test was not about still fails a test.
/// A new figure in the report gets its invariant here.
/// <list type="bullet">
/// <item>no figure is negative;</item>
/// <item>self ≤ time for every line and method (not checked where requests did parallel work: concurrent flows
/// make deeper lines add up to more than the line that started them);</item>
/// <item>a method's time ≤ its request's duration, in requests with no parallel work (a request did parallel work
/// when its lines' self times add up to more than its duration);</item>
/// <item>% Time ≤ 100 wherever the page shows it, computed as report.js does (a line's time over its method's time,
/// the method's figures summed by name, or its lines' sum when the method has none); over 100 only where the page
/// explains it (recursion, parallel work), and even then a line's self time fits in its method's time, which is never 0
/// beside timed lines;</item>
/// <item>a method with hit lines has calls ≥ 1;</item>
/// <item>the endpoints' counts add up to the request count and their lines and methods to the totals; each endpoint
/// has its retained requests' figures: equal when every request was retained, at least as much when some were
/// dropped; a line's hits over the retained requests ≤ its total hits;</item>
/// <item>the clock the figures were read with is one LineProf has (<c>tsc</c>, <c>stopwatch</c>), or unnamed (a
/// merge of reports read with different clocks, a report older than the field);</item>
/// <item>the woven assemblies that identify the app are named, each once;</item>
/// <item>every unit of work has a kind; one of another kind than <c>http</c> has a name, and its method is its kind and
/// its path and endpoint its name, so it is summed under "kind name" as a request is under "method route"; an HTTP
/// request's name, when it has one, is its endpoint;</item>
/// <item>selection (when the report has it): profiled is the request count; the endpoints' counts add up to profiled
/// plus unprofiled and their profiled counts to profiled; triggered ≤ profiled, overCap ≤ unprofiled; the rate is
/// within [0, 1]; an endpoint's profiled and warm-up counts are within its count, and its retained warm-up requests
/// within its warm-up count;</item>
/// <item>gRPC message counts (ReportInvariants.Messages.cs): in and out together, never negative, only on gRPC calls
/// (HTTP POST to /package.Service/Method) and their endpoints; retained requests add up to their endpoint's sums, equal when every request was retained;</item>
/// <item>the page's data decodes to the same figures, source text, kinds and message counts as lineprof.json, and marks
/// the same lines counted;</item>
/// <item>a counted small member (ReportInvariants.Counted.cs) reads no time or self time of its own, on its lines and as
/// a method, and a counted method's lines are counted;</item>
/// <item>line costs (ReportInvariants.LineCosts.cs): none negative; self allocations ≤ allocations; a line's command
/// counts and times are its commands' sums, and its N+1 flag theirs; the N+1 flag is the threshold's verdict; a
/// scope's lines issue no more commands than the scope; requests add up to their endpoint and endpoints to the
/// totals, as the lines' other figures do.</item>
/// </list>
/// </summary>
public static partial class ReportInvariants
{
    private const int MaxListed = 40;

    /// <summary>
    /// Fails the test with every violation found. <paramref name="pageHtml"/> is the lineprof.html written with the
    /// report; without it the page is rendered from the report, which still checks the page's encoding.
    /// </summary>
    public static void Check(ProfileReport report, string? pageHtml = null) => Fail(Violations(report, pageHtml));

    /// <summary>
    /// The invariants that concern one request alone: for tests that profile in their own process, where one report
    /// collects the requests of many tests.
    /// </summary>
    public static IReadOnlyList<string> Violations(RequestReport request)
    {
        var found = new List<string>();
        RequestLineCosts(request, threshold: null, found);
        var scope = new Scope(Describe(request), Lines(request.Lines), request.Methods, DidParallelWork(request));
        Require(Describe(request), "durationNs", request.DurationNs, found);
        W3CTraceIds(request, found);
        MessageCounts(request, found);
        WithinScope(scope, found);
        WithinDuration(request, found);
        return found;
    }

    /// <summary>
    /// Records the violations as a failure of the running test without stopping it, as an assertion inside
    /// Assert.Multiple would: a test that reads a report still reaches (and reports) its own assertions.
    /// </summary>
    public static void Record(ProfileReport report, string? pageHtml = null) => RecordFailure(Violations(report, pageHtml));

    /// <summary>As <see cref="Record(ProfileReport, string)"/>, for one request's own invariants.</summary>
    public static void Record(RequestReport request) => RecordFailure(Violations(request));

    private static void RecordFailure(IReadOnlyList<string> violations)
    {
        if (violations.Count == 0) return;
        NUnit.Framework.Internal.TestExecutionContext.CurrentContext.CurrentResult.RecordAssertion(
            NUnit.Framework.Interfaces.AssertionStatus.Failed, Message(violations), Environment.StackTrace);
    }

    private static void Fail(IReadOnlyList<string> violations)
    {
        if (violations.Count > 0) NUnit.Framework.Assert.Fail(Message(violations));
    }

    private static string Message(IReadOnlyList<string> violations) =>
        $"The report breaks {violations.Count} invariant(s):\n  " + string.Join("\n  ", violations.Take(MaxListed)) +
        (violations.Count > MaxListed ? $"\n  … and {violations.Count - MaxListed} more" : "");

    public static IReadOnlyList<string> Violations(ProfileReport report, string? pageHtml = null)
    {
        var found = new List<string>();
        var scopes = Scopes(report).ToList();
        NoNegativeFigure(report, found);
        if (report.Clock is not ("tsc" or "stopwatch" or "")) found.Add($"[known clock] report: clock '{report.Clock}' is none LineProf reads");
        WovenAssembliesNamed(report, found);
        foreach (var scope in scopes) WithinScope(scope, found);
        foreach (var request in report.Requests) WithinDuration(request, found);
        foreach (var request in report.Requests) W3CTraceIds(request, found);
        MessageCountsHold(report, found);

        foreach (var request in report.Requests) UnitNamed(request, found);
        EndpointsAddUp(report, found);
        SelectionAddsUp(report, found);
        LineCostsHold(report, found);
        var html = pageHtml ?? ReportHtml.Render(report);
        var page = PageFigures.FromHtml(html);
        PageMatchesReport(report, page, found);
        CountedMembersHaveNoTime(report, page, found);
        LineCostsOnThePage(report, html, found);
        return found;
    }

    /// <summary>The names merge tells apps apart by: a blank or repeated one would make two apps look alike or one app look like two.</summary>
    private static void WovenAssembliesNamed(ProfileReport report, List<string> found)
    {
        foreach (var name in report.Assemblies.Where(string.IsNullOrWhiteSpace)) found.Add($"[assemblies named once] report: assembly name '{name}' is blank");
        foreach (var name in report.Assemblies.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            found.Add($"[assemblies named once] report: assembly {name} is listed more than once");
    }

    /// <summary>A set of lines and methods the page shows together: the totals, outside requests, an endpoint, a request.</summary>
    private sealed record Scope(string Name, IReadOnlyDictionary<LineKey, Figures> Lines, IReadOnlyList<MethodReport> Methods, bool Parallel);

    private static IEnumerable<Scope> Scopes(ProfileReport report)
    {
        bool anyParallel = report.Requests.Any(DidParallelWork);
        yield return new Scope("totals", Lines(report.Lines), report.Methods, anyParallel);
        yield return new Scope("outside requests", Lines(report.OutsideRequests.Lines), report.OutsideRequests.Methods, false);
        foreach (var endpoint in report.Endpoints)
        {
            bool parallel = report.Requests.Where(r => EndpointNameOf(r, report) == endpoint.Name).Any(DidParallelWork) ||
                            (anyParallel && report.Requests.Count < report.RequestCount);
            yield return new Scope("endpoint " + endpoint.Name, Lines(endpoint.Lines), endpoint.Methods, parallel);
        }

        foreach (var request in report.Requests)
            yield return new Scope(Describe(request), Lines(request.Lines), request.Methods, DidParallelWork(request));
    }

    /// <summary>Flows that ran at the same time add up to more self time than the request lasted.</summary>
    private static bool DidParallelWork(RequestReport request) => request.Lines.Sum(l => l.SelfNs) > request.DurationNs;

    /// <summary>What holds within any set of lines and methods the page shows together.</summary>
    private static void WithinScope(Scope scope, List<string> found)
    {
        foreach (var (key, f) in scope.Lines)
        {
            Require($"{scope.Name} line {key}", "hits", f.Count, found);
            Require($"{scope.Name} line {key}", "timeNs", f.TimeNs, found);
            Require($"{scope.Name} line {key}", "selfNs", f.SelfNs, found);
        }

        foreach (var m in scope.Methods)
        {
            Require($"{scope.Name} method {m.Method}", "calls", m.Calls, found);
            Require($"{scope.Name} method {m.Method}", "timeNs", m.TimeNs, found);
            Require($"{scope.Name} method {m.Method}", "selfNs", m.SelfNs, found);
        }

        if (!scope.Parallel) SelfWithinTime(scope, found);
        TimeShareWithinMethod(scope, found);
        HitLinesHaveCalls(scope, found);
    }

    private static void WithinDuration(RequestReport request, List<string> found)
    {
        if (DidParallelWork(request)) return;
        foreach (var method in request.Methods.Where(m => m.TimeNs > request.DurationNs))
            found.Add($"[method time ≤ request duration] {Describe(request)}: method {method.Method} timeNs {method.TimeNs:N0} > durationNs {request.DurationNs:N0}");
    }

    /// <summary>The figures above hold for units of every kind; what tells the kinds apart must be coherent.</summary>
    private static void UnitNamed(RequestReport request, List<string> found)
    {
        string where = $"[unit kind and name] {Describe(request)}";
        if (string.IsNullOrEmpty(request.Kind)) found.Add($"{where}: no kind");
        else if (request.Kind == "http")
        {
            if (request.Name != null && request.Name != request.Endpoint)
                found.Add($"{where}: name '{request.Name}' is not its endpoint '{request.Endpoint}'");
        }
        else if (string.IsNullOrEmpty(request.Name)) found.Add($"{where}: a unit of kind '{request.Kind}' has no name");
        else if (request.Method != request.Kind || request.Path != request.Name || request.Endpoint != request.Name)
            found.Add($"{where}: kind '{request.Kind}' and name '{request.Name}' are not its method '{request.Method}', path '{request.Path}' and endpoint '{request.Endpoint}'");
    }

    /// <summary>
    /// A traced request has both W3C ids, as an Activity prints them (lowercase hex, not all zeros); an untraced one
    /// neither.
    /// </summary>
    private static void W3CTraceIds(RequestReport request, List<string> found)
    {
        static bool IsId(string? id, int length) =>
            id != null && id.Length == length && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f') && id.Any(c => c != '0');
        if (request.TraceId == null && request.SpanId == null) return;
        if (!IsId(request.TraceId, 32) || !IsId(request.SpanId, 16))
            found.Add($"[W3C trace ids] {Describe(request)}: traceId '{request.TraceId}' (32 lowercase hex digits) and spanId '{request.SpanId}' (16)");
    }

    private static void Require(string where, string figure, long value, List<string> found)
    {
        if (value < 0) found.Add($"[no negative figure] {where}: {figure} {value:N0}");
    }

    /// <summary>The report's own figures and those the scopes do not cover.</summary>
    private static void NoNegativeFigure(ProfileReport report, List<string> found)
    {
        Require("report", "requestCount", report.RequestCount, found);
        Require("report", "probeOverheadNs", report.ProbeOverheadNs, found);
        Require("report", "sampleIntervalNs", report.SampleIntervalNs, found);
        foreach (var l in report.Lines.Concat(report.OutsideRequests.Lines)) Require($"line {Key(l)}", "timeErrorNs", l.TimeErrorNs, found);
        foreach (var l in report.Requests.SelectMany(r => r.Lines).Concat(report.Endpoints.SelectMany(e => e.Lines)))
            Require($"line {Key(l)}", "timeErrorNs", l.TimeErrorNs, found);
        foreach (var r in report.Requests) Require(Describe(r), "durationNs", r.DurationNs, found);
        foreach (var e in report.Endpoints)
        {
            foreach (var (figure, value) in new[] { ("count", e.Count), ("profiled", e.Profiled), ("warmUp", e.WarmUp), ("totalNs", e.TotalNs), ("meanNs", e.MeanNs), ("p50Ns", e.P50Ns), ("p95Ns", e.P95Ns), ("maxNs", e.MaxNs) })
                Require("endpoint " + e.Name, figure, value, found);
        }
    }

    private static void SelfWithinTime(Scope scope, List<string> found)
    {
        foreach (var (key, f) in scope.Lines.Where(l => l.Value.SelfNs > l.Value.TimeNs))
            found.Add($"[self ≤ time] {scope.Name} line {key}: selfNs {f.SelfNs:N0} > timeNs {f.TimeNs:N0}");
        foreach (var m in scope.Methods.Where(m => m.SelfNs > m.TimeNs))
            found.Add($"[self ≤ time] {scope.Name} method {m.Method}: selfNs {m.SelfNs:N0} > timeNs {m.TimeNs:N0}");
    }

    /// <summary>report.js: percent = 100 * line time / method time, the method's time being its figures by name.</summary>
    private static void TimeShareWithinMethod(Scope scope, List<string> found)
    {
        foreach (var method in scope.Lines.GroupBy(l => l.Key.Method))
        {
            var own = scope.Methods.Where(m => m.Method == method.Key).ToList();
            long methodTime = own.Count > 0 ? own.Sum(m => m.TimeNs) : method.Sum(l => l.Value.TimeNs);
            foreach (var (key, f) in method.Where(l => l.Value.TimeNs > methodTime))
            {
                // A recursive method's lines count every nested call while the method counts its outermost calls once,
                // so a share over 100 is right there, and the page shows it as ">100%" with that reason. What a line
                // spent itself still fits in its method's time, recursive or not; and a method with no time at all
                // while its lines have some is wrong wherever it is.
                if (methodTime > 0 && (scope.Parallel || f.SelfNs <= methodTime)) continue;
                string share = methodTime > 0 ? $"{100.0 * f.TimeNs / methodTime:F1} % (its self time alone {100.0 * f.SelfNs / methodTime:F1} %)" : "∞ (shown as 0) %";
                found.Add($"[% Time ≤ 100] {scope.Name} line {key}: timeNs {f.TimeNs:N0} over method time {methodTime:N0} = {share}");
            }
        }
    }

    private static void HitLinesHaveCalls(Scope scope, List<string> found)
    {
        foreach (var method in scope.Lines.Where(l => l.Value.Count > 0).Select(l => l.Key.Method).Distinct())
        {
            long calls = scope.Methods.Where(m => m.Method == method).Sum(m => m.Calls);
            if (calls < 1) found.Add($"[calls ≥ 1 for hit lines] {scope.Name} method {method}: its lines were hit, calls {calls}");
        }
    }

    /// <summary>Requests not profiled count in their endpoints; every figure of the selection adds up with them.</summary>
    private static void SelectionAddsUp(ProfileReport report, List<string> found)
    {
        foreach (var e in report.Endpoints)
        {
            if (e.Profiled > e.Count) found.Add($"[selection adds up] endpoint {e.Name}: profiled {e.Profiled:N0} > count {e.Count:N0}");
            if (e.WarmUp > e.Count) found.Add($"[warm-up within count] endpoint {e.Name}: warmUp {e.WarmUp:N0} > count {e.Count:N0}");
            long retainedWarmUp = report.Requests.Count(r => r.WarmUp == true && EndpointNameOf(r, report) == e.Name);
            if (retainedWarmUp > e.WarmUp) found.Add($"[warm-up within count] endpoint {e.Name}: {retainedWarmUp} retained warm-up requests, warmUp {e.WarmUp:N0}");
        }

        foreach (var r in report.Requests.Where(r => r.WarmUp == false))
            found.Add($"[warm-up is true or absent] {Describe(r)}: warmUp false");

        if (report.Selection is not { } s) return;
        foreach (var (figure, value) in new[] { ("profiled", s.Profiled), ("triggered", s.Triggered), ("unprofiled", s.Unprofiled), ("overCap", s.OverCap), ("refusedTriggers", s.RefusedTriggers) })
            Require("selection", figure, value, found);
        if (!(s.Rate >= 0 && s.Rate <= 1)) found.Add($"[selection adds up] rate {s.Rate} is outside [0, 1]");
        if (s.Profiled != report.RequestCount) found.Add($"[selection adds up] profiled {s.Profiled:N0}, requestCount {report.RequestCount:N0}");
        if (s.Triggered > s.Profiled) found.Add($"[selection adds up] triggered {s.Triggered:N0} > profiled {s.Profiled:N0}");
        if (s.OverCap > s.Unprofiled) found.Add($"[selection adds up] overCap {s.OverCap:N0} > unprofiled {s.Unprofiled:N0}");
        long profiled = report.Endpoints.Sum(e => e.Profiled);
        if (profiled != s.Profiled) found.Add($"[selection adds up] endpoints' profiled counts sum to {profiled:N0}, selection.profiled is {s.Profiled:N0}");
    }

    /// <summary>Requests the selection did not profile: counted in their endpoints, absent from the request count.</summary>
    private static long Unprofiled(ProfileReport report) => report.Selection?.Unprofiled ?? 0;

    private static void EndpointsAddUp(ProfileReport report, List<string> found)
    {
        long counted = report.Endpoints.Sum(e => e.Count);
        if (counted != report.RequestCount + Unprofiled(report))
            found.Add($"[endpoints add up] endpoint counts sum to {counted:N0}, requestCount is {report.RequestCount:N0}" +
                (Unprofiled(report) > 0 ? $" and {Unprofiled(report):N0} requests were not profiled" : ""));
        if (report.Requests.Count > report.RequestCount)
            found.Add($"[endpoints add up] {report.Requests.Count} requests retained, requestCount is {report.RequestCount:N0}");

        Compare("[endpoints add up to the totals] lines", "all endpoints", Lines(report.Endpoints.SelectMany(e => e.Lines)),
            "totals", Lines(report.Lines), exact: true, found);
        Compare("[endpoints add up to the totals] methods", "all endpoints", Methods(report.Endpoints.SelectMany(e => e.Methods)),
            "totals", Methods(report.Methods), exact: true, found);

        bool allRetained = report.Requests.Count == report.RequestCount;
        bool allCounted = allRetained && Unprofiled(report) == 0; // an endpoint's count and durations include its unprofiled requests
        var byEndpoint = report.Requests.GroupBy(r => EndpointNameOf(r, report)).ToDictionary(g => g.Key ?? "", g => g.ToList());
        foreach (var r in report.Requests.Where(r => EndpointNameOf(r, report) == null))
            found.Add($"[endpoints add up] {Describe(r)} is under no endpoint of the report");

        foreach (var e in report.Endpoints)
        {
            var requests = byEndpoint.GetValueOrDefault(e.Name) ?? [];
            string where = "endpoint " + e.Name;
            long durations = requests.Sum(r => r.DurationNs);
            long longest = requests.Count > 0 ? requests.Max(r => r.DurationNs) : 0;
            if (allCounted ? e.Count != requests.Count : e.Count < requests.Count)
                found.Add($"[endpoints add up] {where}: count {e.Count:N0}, its retained requests {requests.Count}");
            if (allRetained && report.Selection != null && e.Profiled != requests.Count)
                found.Add($"[selection adds up] {where}: profiled {e.Profiled:N0}, its retained requests {requests.Count}");
            if (allCounted ? e.TotalNs != durations : e.TotalNs < durations)
                found.Add($"[endpoints add up] {where}: totalNs {e.TotalNs:N0}, its retained requests' durations sum to {durations:N0}");
            if (allCounted ? e.MaxNs != longest : e.MaxNs < longest)
                found.Add($"[endpoints add up] {where}: maxNs {e.MaxNs:N0}, its longest retained request {longest:N0}");
            if (e.Count > 0 && Math.Abs(e.MeanNs - e.TotalNs / e.Count) > 1)
                found.Add($"[endpoints add up] {where}: meanNs {e.MeanNs:N0} is not totalNs {e.TotalNs:N0} / count {e.Count:N0}");
            if (e.P50Ns > e.P95Ns || e.P95Ns > e.MaxNs)
                found.Add($"[endpoints add up] {where}: p50Ns {e.P50Ns:N0} ≤ p95Ns {e.P95Ns:N0} ≤ maxNs {e.MaxNs:N0} does not hold");

            Compare("[requests add up to their endpoint] lines", "retained requests", Lines(requests.SelectMany(r => r.Lines)),
                where, Lines(e.Lines), allRetained, found);
            Compare("[requests add up to their endpoint] methods", "retained requests", Methods(requests.SelectMany(r => r.Methods)),
                where, Methods(e.Methods), allRetained, found);
        }

        Compare("[requests add up to the totals] lines", "retained requests", Lines(report.Requests.SelectMany(r => r.Lines)),
            "totals", Lines(report.Lines), allRetained, found);
    }

    /// <summary>
    /// <paramref name="part"/>'s figures against <paramref name="whole"/>'s: equal, or (not exact) hits/calls and time
    /// no more than the whole's. Self time is only compared exactly: a part's self time may exceed the whole's share.
    /// </summary>
    private static void Compare<TKey>(string what, string partName, IReadOnlyDictionary<TKey, Figures> part, string wholeName,
        IReadOnlyDictionary<TKey, Figures> whole, bool exact, List<string> found) where TKey : notnull
    {
        foreach (var (key, p) in part)
        {
            var w = whole.GetValueOrDefault(key);
            if (exact ? p != w : p.Count > w.Count || p.TimeNs > w.TimeNs)
                found.Add($"{what}: {key} {partName} sum to {p}, {wholeName} {(whole.ContainsKey(key) ? "has " + w : "has none")}");
        }

        if (!exact) return;
        foreach (var (key, w) in whole.Where(w => !part.ContainsKey(w.Key) && w.Value != default))
            found.Add($"{what}: {key} {wholeName} has {w}, {partName} have none");
    }

    private static void PageMatchesReport(ProfileReport report, PageFigures page, List<string> found)
    {
        void Same<TKey>(string scope, IReadOnlyDictionary<TKey, Figures> json, IReadOnlyDictionary<TKey, Figures> shown) where TKey : notnull
        {
            foreach (var (key, f) in json.Where(j => shown.GetValueOrDefault(j.Key) != j.Value))
                found.Add($"[page shows the JSON's figures] {scope} {key}: lineprof.json {f}, page {(shown.TryGetValue(key, out var s) ? s : "nothing")}");
            foreach (var key in shown.Keys.Where(k => !json.ContainsKey(k)))
                found.Add($"[page shows the JSON's figures] {scope} {key}: the page has {shown[key]}, lineprof.json nothing");
        }

        if (page.GeneratedUtc != report.GeneratedUtc.ToUniversalTime() || page.RequestCount != report.RequestCount)
            found.Add($"[page shows the JSON's figures] the page is of the report of {page.GeneratedUtc:O} ({page.RequestCount} requests), lineprof.json of {report.GeneratedUtc:O} ({report.RequestCount})");
        var selection = report.Selection is { } j
            ? new PageSelection(j.Rate, j.Profiled, j.Triggered, j.Unprofiled, j.OverCap, j.RefusedTriggers)
            : null;
        if (page.Selection != selection)
            found.Add($"[page shows the JSON's figures] selection: lineprof.json {selection?.ToString() ?? "none"}, page {page.Selection?.ToString() ?? "none"}");
        Same("totals line", Lines(report.Lines), page.Totals);
        Same("totals method", Methods(report.Methods), page.TotalMethods);
        Same("outside line", Lines(report.OutsideRequests.Lines), page.Outside);
        Same("outside method", Methods(report.OutsideRequests.Methods), page.OutsideMethods);
        foreach (var line in report.Lines.Concat(report.OutsideRequests.Lines))
        {
            if (page.Sources.GetValueOrDefault(Key(line)) != line.Source)
                found.Add($"[page shows the JSON's figures] line {Key(line)}: source \"{line.Source}\" in lineprof.json, \"{page.Sources.GetValueOrDefault(Key(line))}\" in the page");
        }

        if (page.Endpoints.Count != report.Endpoints.Count || page.Requests.Count != report.Requests.Count)
        {
            found.Add($"[page shows the JSON's figures] the page has {page.Endpoints.Count} endpoints and {page.Requests.Count} requests, lineprof.json {report.Endpoints.Count} and {report.Requests.Count}");
            return;
        }

        for (int i = 0; i < report.Endpoints.Count; i++)
        {
            var (e, p) = (report.Endpoints[i], page.Endpoints[i]);
            long[] numbers = [e.Count, e.TotalNs, e.MeanNs, e.P50Ns, e.P95Ns, e.MaxNs, e.Profiled, e.WarmUp];
            if (p.Name != e.Name || !p.Numbers.SequenceEqual(numbers))
                found.Add($"[page shows the JSON's figures] endpoint {i}: lineprof.json {e.Name} [{string.Join(", ", numbers)}], page {p.Name} [{string.Join(", ", p.Numbers)}]");
            if (page.EndpointMessages[i] != (e.MessagesIn, e.MessagesOut))
                found.Add($"[page shows the JSON's figures] endpoint {i}: messages {e.MessagesIn}/{e.MessagesOut} in lineprof.json, {page.EndpointMessages[i].In}/{page.EndpointMessages[i].Out} in the page");
            Same("endpoint " + e.Name + " line", Lines(e.Lines), p.Lines);
            Same("endpoint " + e.Name + " method", Methods(e.Methods), p.Methods);
        }

        for (int i = 0; i < report.Requests.Count; i++)
        {
            var (r, p) = (report.Requests[i], page.Requests[i]);
            if (p.Name != r.Id || !p.Numbers.SequenceEqual([r.Status, r.DurationNs, r.WarmUp == true ? 1 : 0]))
                found.Add($"[page shows the JSON's figures] request {i}: lineprof.json {r.Id} status {r.Status} durationNs {r.DurationNs} warmUp {r.WarmUp == true}, page {p.Name} [{string.Join(", ", p.Numbers)}]");
            if (page.RequestMessages[i] != (r.MessagesIn, r.MessagesOut))
                found.Add($"[page shows the JSON's figures] request {i}: messages {r.MessagesIn}/{r.MessagesOut} in lineprof.json, {page.RequestMessages[i].In}/{page.RequestMessages[i].Out} in the page");
            if (page.RequestKinds[i] != (r.Kind ?? "http"))
                found.Add($"[page shows the JSON's figures] request {i}: kind '{r.Kind}' in lineprof.json, '{page.RequestKinds[i]}' in the page");
            Same(Describe(r) + " line", Lines(r.Lines), p.Lines);
            Same(Describe(r) + " method", Methods(r.Methods), p.Methods);
        }
    }

    /// <summary>The endpoint the request is summed under, as the runtime names it; null if the report has none.</summary>
    private static string? EndpointNameOf(RequestReport request, ProfileReport report)
    {
        string name = request.Method + " " + (request.Endpoint ?? "(no endpoint)");
        if (report.Endpoints.Any(e => e.Name == name)) return name;
        return report.Endpoints.Any(e => e.Name == "(other endpoints)") ? "(other endpoints)" : null;
    }

    private static Dictionary<LineKey, Figures> Lines(IEnumerable<LineReport> lines) => Figures.Sum(lines.Select(l => (Key(l), Of(l))));
    private static Dictionary<LineKey, Figures> Lines(IEnumerable<RequestLine> lines) => Figures.Sum(lines.Select(l => (Key(l), Of(l))));

    /// <summary>Methods by name, as the page groups them (overloads add up).</summary>
    private static Dictionary<string, Figures> Methods(IEnumerable<MethodReport> methods) => Figures.Sum(methods.Select(m => (m.Method, Of(m))));
    private static LineKey Key(LineReport l) => new(l.File, l.Line, l.Method);
    private static LineKey Key(RequestLine l) => new(l.File, l.Line, l.Method);
    private static Figures Of(LineReport l) => new(l.Hits, l.TimeNs, l.SelfNs);
    private static Figures Of(RequestLine l) => new(l.Hits, l.TimeNs, l.SelfNs);
    private static Figures Of(MethodReport m) => new(m.Calls, m.TimeNs, m.SelfNs);
    private static string Describe(RequestReport r) => $"request {r.Id} {r.Method} {r.Path}";
}
