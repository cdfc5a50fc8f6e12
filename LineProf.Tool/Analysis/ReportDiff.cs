using LineProf.Reporting;

namespace LineProf.Tool.Analysis;

/// <summary>What a row's figures are: medians per request, or sums over each whole run.</summary>
public enum DiffBasis
{
    /// <summary>Medians over the retained requests that ran it (the reports keep each request's own lines).</summary>
    PerRequest,

    /// <summary>Sums over each run (the reports keep no request that ran it), or an endpoint's p50 over all its requests.</summary>
    Total,
}

/// <summary>One endpoint, method or line in both reports (or in one of them): its figures before and after.</summary>
public sealed record DiffRow(
    string Method, string File, int? LineBefore, int? LineAfter, string? Source,
    long? CountBefore, long? CountAfter, long? TimeBefore, long? TimeAfter, long? SelfBefore, long? SelfAfter)
{
    public DiffBasis Basis { get; init; } = DiffBasis.Total;

    /// <summary>Per request: how many requests each median is of.</summary>
    public int? RequestsBefore { get; init; }

    public int? RequestsAfter { get; init; }

    /// <summary>
    /// One standard error of the change in time: of the difference of the two medians per request, or the reports'
    /// own time error for totals. 0 when unknown.
    /// </summary>
    public double NoiseNs { get; init; }

    public bool IsEndpoint { get; init; }

    /// <summary>
    /// The row is a small member counted, not timed, in the "before" report: its hits and calls are exact, its time
    /// is in the line that called it (its 0 is not a time).
    /// </summary>
    public bool CountedBefore { get; init; }

    /// <summary>The same in the "after" report.</summary>
    public bool CountedAfter { get; init; }

    /// <summary>
    /// Both sides that have the row timed it, so its times compare. A counted side's time is its caller's: the row then
    /// compares its hits or calls, and takes no part in the ranking by time nor in the gate.
    /// </summary>
    public bool TimesCompare => !CountedBefore && !CountedAfter;

    /// <summary>
    /// Counted in one report and timed in the other: LineProfileTimeSmallMembers changed between the builds, or an
    /// edit made the member small (or no longer small).
    /// </summary>
    public bool CountingChanged => TimeBefore != null && TimeAfter != null && CountedBefore != CountedAfter;

    /// <summary>
    /// Bytes allocated per profiled request (a line's own, a method's with its calls), each report's total over its
    /// requests: null unless both reports counted them.
    /// </summary>
    public long? AllocBefore { get; init; }

    public long? AllocAfter { get; init; }

    public bool IsLine => LineBefore != null || LineAfter != null;

    /// <summary>The line in the "after" report, or in "before" for a line that no longer runs.</summary>
    public int? Line => LineAfter ?? LineBefore;

    /// <summary>
    /// A change in self time: what sorts the rows. A row missing on one side counts as zero there. Null where a side
    /// is counted, not timed: its 0 is not a time, so there is no change to state.
    /// </summary>
    public double? SelfChange => TimesCompare ? (double)(SelfAfter ?? 0) - (SelfBefore ?? 0) : null;

    public double? TimeChange => TimesCompare ? (double)(TimeAfter ?? 0) - (TimeBefore ?? 0) : null;

    /// <summary>A change in hits (a line), calls (a method) or requests (an endpoint). A row missing on one side counts as zero there.</summary>
    public long CountChange => (CountAfter ?? 0) - (CountBefore ?? 0);

    /// <summary>
    /// After over before; null when there is nothing to divide by (a new row, or no time before), or a side is
    /// counted, not timed.
    /// </summary>
    public double? TimeRatio => TimesCompare && TimeBefore is > 0 && TimeAfter != null ? (double)TimeAfter.Value / TimeBefore.Value : null;

    public string Status => (TimeBefore, TimeAfter) switch
    {
        (null, _) => "new",
        (_, null) => "gone",
        _ => string.Join(", ", new[]
        {
            LineBefore != LineAfter ? "moved" : null,
            CountingChanged ? (CountedAfter ? NowCounted : NowTimed) : null,
        }.Where(s => s != null)),
    };

    /// <summary>The note of a small member counted before and timed after.</summary>
    public const string NowTimed = "now timed";

    /// <summary>The note of a member timed before and counted after.</summary>
    public const string NowCounted = "now counted";

    /// <summary>The basis as the tables say it: "median of 12/14 requests" or "total".</summary>
    public string BasisText => Basis == DiffBasis.PerRequest
        ? $"median of {Requests(RequestsBefore)}/{Requests(RequestsAfter)}"
        : IsEndpoint ? "p50, all requests" : "total";

    private static string Requests(int? count) => count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>The two sides of a diff: each report with its retained requests as the diff compares them.</summary>
public sealed record DiffSides(ProfileReport Before, ProfileReport After, RequestFigures BeforeRequests, RequestFigures AfterRequests)
{
    public DiffSides(ProfileReport before, ProfileReport after, bool includeWarmUp)
        : this(before, after, new RequestFigures(before, includeWarmUp), new RequestFigures(after, includeWarmUp))
    {
    }

    /// <summary>Both reports keep requests with their own lines, so rows they ran in can be compared per request.</summary>
    public bool PerRequest => BeforeRequests.HasLines && AfterRequests.HasLines;
}

/// <summary>
/// Pairs the endpoints, methods and lines of two reports of the same app (before and after a change) and lists them,
/// the largest change in self time first.
/// </summary>
/// <remarks>
/// Where both reports retain requests with their own lines, a method or line is compared by its medians over the
/// requests that ran it, and an endpoint by its requests' median duration: a longer run does not look slower, and a
/// few outliers (the first call's JIT compilation) do not decide. Where they do not, totals over each run are
/// compared (an endpoint's p50 over all its requests).
/// A method is the same method when its file and name are; a lambda, named by its line (<c>Get lambda@42</c>), is
/// also the same when an edit only moved it and it is the only lambda of that method left unpaired. A line is harder,
/// since an edit moves the lines below it: a line whose text is unique in its method on both sides is paired by that
/// text wherever it moved; the rest are paired by line number, which pairs a rewritten line (the fix itself) with what
/// stood there before. Reports from checkouts in different folders pair once their paths are mapped (<see cref="PathPairing"/>).
/// </remarks>
public static class ReportDiff
{
    public static List<DiffRow> Endpoints(DiffSides sides)
    {
        var names = sides.Before.Endpoints.Select(e => e.Name).Concat(sides.After.Endpoints.Select(e => e.Name)).Distinct(StringComparer.Ordinal);
        var rows = new List<DiffRow>();
        foreach (var name in names)
        {
            var old = sides.Before.Endpoints.FirstOrDefault(e => e.Name == name);
            var now = sides.After.Endpoints.FirstOrDefault(e => e.Name == name);
            var oldMedian = old == null ? null : sides.BeforeRequests.Endpoint(name);
            var nowMedian = now == null ? null : sides.AfterRequests.Endpoint(name);
            var row = new DiffRow(name, "", null, null, null, old?.Count, now?.Count, old?.P50Ns, now?.P50Ns, old?.P50Ns, now?.P50Ns) { IsEndpoint = true };
            // Compared per request or not, an endpoint's count is its requests, all of them.
            rows.Add((PerRequest(sides, row, old != null, oldMedian, now != null, nowMedian) ?? row) with { CountBefore = old?.Count, CountAfter = now?.Count });
        }

        return Sorted(rows);
    }

    public static List<DiffRow> Methods(DiffSides sides)
    {
        ProfileReport before = sides.Before, after = sides.After;
        var afterByKey = after.Methods.GroupBy(m => (m.File, m.Method)).ToDictionary(g => g.Key, g => g.First());
        var pairs = new List<(MethodReport? Old, MethodReport? Now)>();
        var paired = new HashSet<(string, string)>();
        foreach (var old in before.Methods)
        {
            afterByKey.TryGetValue((old.File, old.Method), out var now);
            if (now != null && !paired.Add((now.File, now.Method))) now = null;
            pairs.Add((old, now));
        }

        // A lambda an edit moved has a new line in its name: paired by its name without lines when that is unique.
        var movedAfter = UniqueBy(after.Methods.Where(m => !paired.Contains((m.File, m.Method))).ToList(), m => (m.File, Unplaced(m.Method)));
        for (int i = 0; i < pairs.Count; i++)
        {
            var old = pairs[i].Old!;
            if (pairs[i].Now != null || Unplaced(old.Method) == old.Method) continue;
            if (!movedAfter.TryGetValue((old.File, Unplaced(old.Method)), out var now) || paired.Contains((now.File, now.Method))) continue;
            if (pairs.Count(p => p.Now == null && p.Old!.File == old.File && Unplaced(p.Old.Method) == Unplaced(old.Method)) != 1) continue;
            paired.Add((now.File, now.Method));
            pairs[i] = (old, now);
        }

        pairs.AddRange(after.Methods.Where(m => !paired.Contains((m.File, m.Method))).Select(now => ((MethodReport?)null, (MethodReport?)now)));
        bool methodBytes = before.LineCosts?.MethodAllocations == true && after.LineCosts?.MethodAllocations == true;
        var rows = pairs.Select(p =>
        {
            var row = new DiffRow(p.Now?.Method ?? p.Old!.Method, p.Old?.File ?? p.Now!.File, null, null, null,
                p.Old?.Calls, p.Now?.Calls, p.Old?.TimeNs, p.Now?.TimeNs, p.Old?.SelfNs, p.Now?.SelfNs)
            {
                AllocBefore = methodBytes ? BytesPerRequest(before, p.Old?.AllocBytes) : null,
                AllocAfter = methodBytes ? BytesPerRequest(after, p.Now?.AllocBytes) : null,
                CountedBefore = p.Old?.Counted == true,
                CountedAfter = p.Now?.Counted == true,
            };
            return PerRequest(sides, row,
                p.Old != null, p.Old == null ? null : sides.BeforeRequests.Method(p.Old.File, p.Old.Method),
                p.Now != null, p.Now == null ? null : sides.AfterRequests.Method(p.Now.File, p.Now.Method)) ?? row;
        }).ToList();
        return Sorted(rows);
    }

    /// <summary>
    /// A method's name without the lines of its lambdas: <c>App.Get lambda@</c> of <c>App.Get lambda@42:17</c>, which
    /// an edit above it changes while the lambda stays the same.
    /// </summary>
    public static string Unplaced(string method) => s_lambdaPlace.Replace(method, "lambda@");

    private static readonly System.Text.RegularExpressions.Regex s_lambdaPlace =
        new(@"lambda@\d+(:\d+)?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static List<DiffRow> Lines(DiffSides sides)
    {
        ProfileReport before = sides.Before, after = sides.After;
        var pairs = new Dictionary<LineReport, LineReport>(ReferenceEqualityComparer.Instance);
        var pairedAfter = new HashSet<LineReport>(ReferenceEqualityComparer.Instance);

        // First by unique text within the method, so unchanged lines pair across an edit that moved them.
        var beforeByText = UniqueBy(before.Lines, TextKey);
        foreach (var (key, now) in UniqueBy(after.Lines, TextKey))
        {
            if (key.Source.Length > 0 && beforeByText.TryGetValue(key, out var old)) Pair(old, now);
        }

        // Then by place, among what is left.
        var afterByPlace = after.Lines.Where(l => !pairedAfter.Contains(l)).GroupBy(l => (l.File, l.Method, l.Line)).ToDictionary(g => g.Key, g => g.First());
        foreach (var old in before.Lines.Where(l => !pairs.ContainsKey(l)))
        {
            if (afterByPlace.TryGetValue((old.File, old.Method, old.Line), out var now) && !pairedAfter.Contains(now)) Pair(old, now);
        }

        var rows = new List<DiffRow>();
        foreach (var old in before.Lines)
        {
            pairs.TryGetValue(old, out var now);
            rows.Add(LineRow(sides, old, now));
        }

        foreach (var now in after.Lines.Where(l => !pairedAfter.Contains(l))) rows.Add(LineRow(sides, null, now));
        return Sorted(rows);

        void Pair(LineReport old, LineReport now)
        {
            pairs[old] = now;
            pairedAfter.Add(now);
        }
    }

    private static DiffRow LineRow(DiffSides sides, LineReport? old, LineReport? now)
    {
        bool lineBytes = sides.Before.LineCosts?.Allocations == true && sides.After.LineCosts?.Allocations == true;
        var row = new DiffRow(now?.Method ?? old!.Method, old?.File ?? now!.File, old?.Line, now?.Line, now?.Source ?? old!.Source,
            old?.Hits, now?.Hits, old?.TimeNs, now?.TimeNs, old?.SelfNs, now?.SelfNs)
        {
            // The runtime's own error estimate of each total: independent, so their variances add.
            NoiseNs = Math.Sqrt(Square(old?.TimeErrorNs ?? 0) + Square(now?.TimeErrorNs ?? 0)),
            AllocBefore = lineBytes ? BytesPerRequest(sides.Before, old?.SelfAllocBytes) : null,
            AllocAfter = lineBytes ? BytesPerRequest(sides.After, now?.SelfAllocBytes) : null,
            CountedBefore = old?.Counted == true,
            CountedAfter = now?.Counted == true,
        };
        return PerRequest(sides,
            row, old != null, old == null ? null : sides.BeforeRequests.Line(old.File, old.Line, old.Method),
            now != null, now == null ? null : sides.AfterRequests.Line(now.File, now.Line, now.Method)) ?? row;

        static double Square(long value) => (double)value * value;
    }

    /// <summary>
    /// The row with its medians per request, when both reports keep requests with lines and each side the row is on
    /// has requests that ran it; null otherwise (the row keeps its totals).
    /// </summary>
    private static DiffRow? PerRequest(DiffSides sides, DiffRow row, bool onBefore, MedianFigures? before, bool onAfter, MedianFigures? after)
    {
        if (!sides.PerRequest || (onBefore && before == null) || (onAfter && after == null)) return null;
        return row with
        {
            CountBefore = before?.Count, CountAfter = after?.Count,
            TimeBefore = before?.TimeNs, TimeAfter = after?.TimeNs,
            SelfBefore = before?.SelfNs, SelfAfter = after?.SelfNs,
            Basis = DiffBasis.PerRequest, RequestsBefore = before?.Requests, RequestsAfter = after?.Requests,
            NoiseNs = Math.Sqrt(Math.Pow(before?.NoiseNs ?? 0, 2) + Math.Pow(after?.NoiseNs ?? 0, 2)),
        };
    }

    /// <summary>A report's bytes per profiled request: runs of different lengths compare. Null for a row not in the report.</summary>
    private static long? BytesPerRequest(ProfileReport report, long? bytes) =>
        bytes is long total ? (report.RequestCount > 0 ? total / report.RequestCount : total) : null;

    private static (string File, string Method, string Source) TextKey(LineReport line) => (line.File, Unplaced(line.Method), line.Source.Trim());

    private static Dictionary<TKey, T> UniqueBy<T, TKey>(List<T> items, Func<T, TKey> key)
        where TKey : notnull =>
        items.GroupBy(key).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First());

    /// <summary>
    /// The rows whose times compare, largest change in self time first; then those with a side counted, not timed
    /// (their time is their callers'), largest change in hits or calls first, as <c>lineprof top</c> ranks them after
    /// every timed line.
    /// </summary>
    private static List<DiffRow> Sorted(List<DiffRow> rows) =>
        rows.OrderBy(r => !r.TimesCompare).ThenByDescending(r => Math.Abs(r.SelfChange ?? 0)).ThenByDescending(r => r.TimesCompare ? 0 : Math.Abs(r.CountChange))
            .ThenBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
}
