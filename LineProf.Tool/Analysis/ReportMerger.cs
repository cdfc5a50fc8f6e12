using LineProf.Reporting;
using LineProf.Tool.Cli;
using LineProf.Tool.Output;

namespace LineProf.Tool.Analysis;

/// <summary>What a merge made, and which of its figures are approximations.</summary>
public sealed record MergeResult(ProfileReport Report, IReadOnlyList<string> ApproximatedEndpoints);

/// <summary>
/// Sums reports of the same app (several instances, or several runs) into one. Hits, calls and times add up exactly;
/// endpoint means are recomputed from the summed totals and counts, maxima are the largest. Percentiles cannot be
/// merged from percentiles: an endpoint found in several reports gets the request-weighted mean of their p50 and p95,
/// an approximation the command says it made. The retained requests are the union of the inputs'. Reports of
/// different apps (<see cref="AppIdentity"/>) are refused unless allowed.
/// </summary>
public static class ReportMerger
{
    public static MergeResult Merge(IReadOnlyList<(string Path, ProfileReport Report)> inputs, bool allowDifferentApps = false)
    {
        if (!allowDifferentApps) RefuseDifferentApps(inputs);

        var mode = inputs[0].Report.Mode;
        if (inputs.Any(i => i.Report.Mode != mode))
        {
            throw new UserError("cannot merge reports taken in different modes: " +
                string.Join(", ", inputs.Select(i => $"{i.Path} is {Brief(i.Report.Mode)}")) +
                ". Exact and sampled times carry different errors; merge reports of one mode.");
        }

        try
        {
            return MergeChecked(inputs.Select(i => i.Report).ToList(), mode);
        }
        catch (OverflowException)
        {
            throw new UserError("the reports' figures add up to more than lineprof.json can hold (a 64-bit count of nanoseconds); " +
                "are they really lineprof reports?");
        }
    }

    /// <summary>
    /// Sums of two apps' reports mean nothing and a mistaken path is an easy slip in a CI script: refused unless asked
    /// for. Each report is compared with the first.
    /// </summary>
    private static void RefuseDifferentApps(IReadOnlyList<(string Path, ProfileReport Report)> inputs)
    {
        var first = inputs[0];
        foreach (var other in inputs.Skip(1).Where(i => !AppIdentity.SameApp(first.Report, i.Report)))
        {
            throw new UserError(Cells.Printable($"{first.Path} and {other.Path} are reports of different apps ({Brief(AppIdentity.Describe(first.Report), 80)} " +
                $"and {Brief(AppIdentity.Describe(other.Report), 80)}): their sums would mean nothing. Merge reports of one app, " +
                "or say --allow-different-apps to merge them anyway."));
        }
    }

    /// <summary>
    /// Inputs that hold the same requests (the same file twice, a copy, two snapshots of one run): their lines and
    /// endpoints would be counted twice, so the command warns. Each pair with the number of requests it shares.
    /// </summary>
    public static IEnumerable<(int First, int Second, int Shared)> SharedRequests(IReadOnlyList<ProfileReport> reports)
    {
        var keys = reports.Select(r => r.Requests.Select(q => (q.Id, q.StartedUtc)).ToHashSet()).ToList();
        for (int i = 0; i < reports.Count; i++)
        {
            for (int j = i + 1; j < reports.Count; j++)
            {
                int shared = keys[i].Count(keys[j].Contains);
                if (shared > 0) yield return (i, j, shared);
            }
        }
    }

    /// <summary>A mode as read from a file, which may hold anything: at most a word's length of it.</summary>
    private static string Brief(string mode, int length = 20) => mode.Length <= length ? mode : mode[..length] + "…";

    private static MergeResult MergeChecked(List<ProfileReport> reports, string mode)
    {
        bool sampled = mode == ProfilingModes.Sampled;
        var merged = new ProfileReport
        {
            Mode = mode,
            // One clock named only when every input read it; reports from different clocks convert alike, so they merge.
            Clock = reports.Select(r => r.Clock ?? "").Distinct(StringComparer.Ordinal).Count() == 1 ? reports[0].Clock ?? "" : "",
            // The coarsest resolution is the honest one for the whole; each line's own error is combined below.
            SampleIntervalNs = reports.Max(r => r.SampleIntervalNs),
            // The merged data is as recent as its newest input; keeping that (not "now") makes merging repeatable.
            GeneratedUtc = reports.Max(r => r.GeneratedUtc),
            RequestCount = reports.Aggregate(0L, (sum, r) => checked(sum + r.RequestCount)),
            Selection = SumSelections(reports),
            ProbeOverheadNs = WeightedProbeOverhead(reports),
            Requests = UnionOfRequests(reports),
            Lines = SumLines(reports.Select(r => r.Lines), sampled),
            Methods = SumMethods(reports.Select(r => r.Methods)),
            OutsideRequests = new OutsideRequestsReport
            {
                Lines = SumLines(reports.Select(r => r.OutsideRequests.Lines), sampled),
                Methods = SumMethods(reports.Select(r => r.OutsideRequests.Methods)),
            },
            Assemblies = reports.SelectMany(r => r.Assemblies).Distinct(StringComparer.Ordinal).ToList(),
            LineCosts = LineCostsMerger.Settings(reports),
        };
        var costs = new LineCostsMerger(merged.LineCosts);
        costs.Flag(merged.Lines, merged.OutsideRequests.Lines);
        foreach (var request in merged.Requests) costs.Flag(request.Lines); // a request of a laxer input is judged as the whole is

        var approximated = new List<string>();
        foreach (var group in reports.SelectMany(r => r.Endpoints).GroupBy(e => e.Name, StringComparer.Ordinal))
        {
            var parts = group.ToList();
            long count = parts.Aggregate(0L, (sum, e) => checked(sum + e.Count));
            long total = parts.Aggregate(0L, (sum, e) => checked(sum + e.TotalNs));
            if (parts.Count > 1) approximated.Add(group.Key);
            merged.Endpoints.Add(new EndpointReport
            {
                Name = group.Key,
                Count = count,
                // A report older than selection profiled every request it counted.
                Profiled = parts.Aggregate(0L, (sum, e) => checked(sum + (IsOlderThanSelection(reports, e) ? e.Count : e.Profiled))),
                WarmUp = parts.Aggregate(0L, (sum, e) => checked(sum + e.WarmUp)),
                TotalNs = total,
                MeanNs = count == 0 ? 0 : total / count,
                P50Ns = parts.Count == 1 ? parts[0].P50Ns : CountWeighted(parts, e => e.P50Ns),
                P95Ns = parts.Count == 1 ? parts[0].P95Ns : CountWeighted(parts, e => e.P95Ns),
                MaxNs = parts.Max(e => e.MaxNs),
                DbCommands = parts.Aggregate(0L, (sum, e) => checked(sum + e.DbCommands)),
                DbNs = parts.Aggregate(0L, (sum, e) => checked(sum + e.DbNs)),
                HttpCalls = parts.Aggregate(0L, (sum, e) => checked(sum + e.HttpCalls)),
                HttpNs = parts.Aggregate(0L, (sum, e) => checked(sum + e.HttpNs)),
                MessagesIn = SumOfPresent(parts.Select(e => e.MessagesIn)),
                MessagesOut = SumOfPresent(parts.Select(e => e.MessagesOut)),
                Lines = SumRequestLines(parts.Select(e => e.Lines), sampled),
                Methods = SumMethods(parts.Select(e => e.Methods)),
            });
            costs.Flag(merged.Endpoints[^1].Lines);
        }

        merged.Endpoints.Sort((a, b) => b.TotalNs.CompareTo(a.TotalNs)); // as the runtime orders them: most time first
        return new MergeResult(merged, approximated);
    }

    /// <summary>
    /// The inputs' selections summed; an input older than selection profiled every request. The rate is the inputs'
    /// when they agree, else their mean weighted by requests (the share a random request of the whole had).
    /// </summary>
    private static SelectionReport SumSelections(List<ProfileReport> reports)
    {
        var parts = reports.Select(r => r.Selection ?? new SelectionReport { Rate = 1, Profiled = r.RequestCount }).ToList();
        double requests = parts.Sum(p => (double)p.Profiled + p.Unprofiled);
        return new SelectionReport
        {
            Rate = parts.Select(p => p.Rate).Distinct().Count() == 1 || requests == 0
                ? parts[0].Rate
                : parts.Sum(p => p.Rate * ((double)p.Profiled + p.Unprofiled)) / requests,
            Profiled = parts.Aggregate(0L, (sum, p) => checked(sum + p.Profiled)),
            Triggered = parts.Aggregate(0L, (sum, p) => checked(sum + p.Triggered)),
            Unprofiled = parts.Aggregate(0L, (sum, p) => checked(sum + p.Unprofiled)),
            OverCap = parts.Aggregate(0L, (sum, p) => checked(sum + p.OverCap)),
            RefusedTriggers = parts.Aggregate(0L, (sum, p) => checked(sum + p.RefusedTriggers)),
        };
    }

    private static bool IsOlderThanSelection(List<ProfileReport> reports, EndpointReport endpoint) =>
        reports.Any(r => r.Selection == null && r.Endpoints.Contains(endpoint));

    /// <summary>
    /// Each input's probe cost was measured in its own process and already taken off its figures; the merged report
    /// states their mean weighted by hits, the cost per hit of the merged figures as a whole.
    /// </summary>
    private static long WeightedProbeOverhead(List<ProfileReport> reports)
    {
        double hits = 0, weighted = 0;
        foreach (var report in reports)
        {
            double reportHits = report.Lines.Sum(l => (double)l.Hits) + report.OutsideRequests.Lines.Sum(l => (double)l.Hits);
            hits += reportHits;
            weighted += reportHits * report.ProbeOverheadNs;
        }

        return hits > 0 ? (long)Math.Round(weighted / hits) : reports.Max(r => r.ProbeOverheadNs);
    }

    private static long CountWeighted(List<EndpointReport> parts, Func<EndpointReport, long> figure)
    {
        double count = parts.Sum(e => (double)e.Count);
        return count == 0 ? parts.Max(figure) : (long)Math.Round(parts.Sum(e => (double)e.Count * figure(e)) / count);
    }

    /// <summary>A figure only some endpoints have (a gRPC method's messages): the sum of those that have it, null when none does.</summary>
    private static long? SumOfPresent(IEnumerable<long?> figures) =>
        figures.Aggregate((long?)null, (sum, f) => f is { } value ? checked((sum ?? 0) + value) : sum);

    /// <summary>
    /// Every retained request once: the same request retained in two inputs (two snapshots of one run) is one request.
    /// Slowest first, as the runtime lists them.
    /// </summary>
    private static List<RequestReport> UnionOfRequests(List<ProfileReport> reports)
    {
        var seen = new HashSet<(string, DateTime)>();
        var requests = reports.SelectMany(r => r.Requests).Where(r => seen.Add((r.Id, r.StartedUtc))).ToList();
        return requests.OrderByDescending(r => r.DurationNs).ToList();
    }

    // The source text is the first input's that has one.
    private static List<LineReport> SumLines(IEnumerable<List<LineReport>> lists, bool sampled) =>
        SumLines(lists, sampled, l => new LineReport { Source = l.Source }, (sum, l) =>
        {
            if (sum.Source.Length == 0) sum.Source = l.Source;
        });

    private static List<RequestLine> SumRequestLines(IEnumerable<List<RequestLine>> lists, bool sampled) =>
        SumLines(lists, sampled, l => new RequestLine());

    /// <summary>
    /// Sums the lines of one source line, whatever their scope; <paramref name="create"/> and <paramref name="addOwn"/>
    /// make and sum what only the scope's kind of line carries (a summed line's source text).
    /// </summary>
    private static List<T> SumLines<T>(IEnumerable<List<T>> lists, bool sampled, Func<T, T> create, Action<T, T>? addOwn = null) where T : LineFigures =>
        Sum(lists, l => (l.File, l.Line, l.Method),
            l =>
            {
                var sum = create(l);
                (sum.File, sum.Line, sum.Method, sum.Counted) = (l.File, l.Line, l.Method, true);
                return sum;
            },
            (sum, l) =>
            {
                sum.Counted &= l.Counted; // a build that timed the member (LineProfileTimeSmallMembers) gave it time
                sum.Hits = checked(sum.Hits + l.Hits);
                sum.TimeNs = checked(sum.TimeNs + l.TimeNs);
                sum.SelfNs = checked(sum.SelfNs + l.SelfNs);
                sum.TimeErrorNs = CombinedError(sum.TimeErrorNs, l.TimeErrorNs, sampled);
                sum.AllocBytes = checked(sum.AllocBytes + l.AllocBytes);
                sum.SelfAllocBytes = checked(sum.SelfAllocBytes + l.SelfAllocBytes);
                sum.DbCommands = checked(sum.DbCommands + l.DbCommands);
                sum.DbNs = checked(sum.DbNs + l.DbNs);
                sum.HttpCalls = checked(sum.HttpCalls + l.HttpCalls);
                sum.HttpNs = checked(sum.HttpNs + l.HttpNs);
                sum.Commands = LineCostsMerger.SumCommands(sum.Commands, l.Commands);
                addOwn?.Invoke(sum, l);
            });

    private static List<MethodReport> SumMethods(IEnumerable<List<MethodReport>> lists) =>
        Sum(lists, m => (m.File, 0, m.Method),
            m => new MethodReport { File = m.File, Method = m.Method, Line = m.Line, Counted = true },
            (sum, m) =>
            {
                sum.Counted &= m.Counted;
                sum.Line = Math.Min(sum.Line, m.Line);
                sum.Calls = checked(sum.Calls + m.Calls);
                sum.TimeNs = checked(sum.TimeNs + m.TimeNs);
                sum.SelfNs = checked(sum.SelfNs + m.SelfNs);
                sum.AllocBytes = checked(sum.AllocBytes + m.AllocBytes);
            });

    /// <summary>
    /// Exact mode's error is a bound per hit, so it adds up; sampled mode's is one standard deviation of independent
    /// counts, so the variances add (which gives what the runtime computes for the summed time at one interval).
    /// </summary>
    private static long CombinedError(long a, long b, bool sampled) =>
        sampled ? (long)Math.Round(Math.Sqrt((double)a * a + (double)b * b)) : checked(a + b);

    /// <summary>Sums items with the same key, in the order each key was first seen.</summary>
    private static List<T> Sum<T>(IEnumerable<List<T>> lists, Func<T, (string, int, string)> key, Func<T, T> create, Action<T, T> add)
    {
        var byKey = new Dictionary<(string, int, string), T>();
        var result = new List<T>();
        foreach (var item in lists.SelectMany(l => l))
        {
            if (!byKey.TryGetValue(key(item), out var sum))
            {
                byKey.Add(key(item), sum = create(item));
                result.Add(sum);
            }

            add(sum, item);
        }

        return result;
    }
}
