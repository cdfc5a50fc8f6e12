namespace LineProf.Tool.Analysis;

/// <summary>What <c>--fail-if-slower</c> checks, and the floor below which a change is not one.</summary>
/// <param name="AllowedPercent">How much slower (time after over before) a row may get.</param>
/// <param name="MinimumNs">The smallest change per request that counts (--min-time).</param>
/// <param name="Strict">Fail on slower lines and methods even when the self time of the selected lines fell.</param>
public sealed record GateRule(double AllowedPercent, double MinimumNs, bool Strict)
{
    /// <summary>A change within this many standard errors of the two runs' own noise is not flagged.</summary>
    public const double NoiseMultiple = 3;

    /// <summary>Medians of fewer requests than this say nothing of their noise: such rows are not judged.</summary>
    public const int MinimumRequests = 3;

    /// <summary>
    /// The change a row must exceed to count: the larger of --min-time and three standard errors of the change. A total
    /// over n requests gets --min-time × √n, since independent noise per request adds up that way over a run.
    /// </summary>
    public double Floor(DiffRow row, long requestCount) =>
        Math.Max(row.Basis == DiffBasis.PerRequest || row.IsEndpoint ? MinimumNs : MinimumNs * Math.Sqrt(Math.Max(1, requestCount)),
            NoiseMultiple * row.NoiseNs);
}

/// <summary>A row that got slower than the rule allows, and why it does or does not fail the gate.</summary>
public sealed record SlowerRow(DiffRow Row, double FloorNs);

/// <summary>The gate's verdict on a diff.</summary>
public sealed record GateVerdict(
    IReadOnlyList<SlowerRow> Failures, IReadOnlyList<SlowerRow> Excused, IReadOnlyList<DiffRow> Unjudged,
    double SelfPerRequestBefore, double SelfPerRequestAfter)
{
    public bool Fails => Failures.Count > 0;

    /// <summary>The selected lines' self time per profiled request fell: work may have moved between lines.</summary>
    public bool TotalImproved => SelfPerRequestAfter < SelfPerRequestBefore;
}

/// <summary>
/// The CI gate: a row fails when its time grew by more than the allowed percentage and by more than its floor (see
/// <see cref="GateRule.Floor"/>). An endpoint that got slower always fails. A slower line or method does not when the
/// self time of all selected lines per profiled request fell (a fix that moves work shows up as lines that got
/// slower beside one that got much faster), unless the rule is strict; it is then listed as excused. A row compared
/// per request on fewer than <see cref="GateRule.MinimumRequests"/> requests a side is not judged, nor, in a diff per request,
/// a line or method that ran in none of the compared requests.
/// </summary>
public static class DiffGate
{
    public static GateVerdict Judge(GateRule rule, DiffSides sides, IReadOnlyList<DiffRow> endpoints, IReadOnlyList<DiffRow> methods,
        IReadOnlyList<DiffRow> lines, double selfBefore, double selfAfter)
    {
        long requestCount = Math.Min(sides.Before.RequestCount, sides.After.RequestCount);
        double perRequestBefore = selfBefore / Math.Max(1, sides.Before.RequestCount);
        double perRequestAfter = selfAfter / Math.Max(1, sides.After.RequestCount);
        bool totalImproved = perRequestAfter < perRequestBefore;

        var failures = new List<SlowerRow>();
        var excused = new List<SlowerRow>();
        var unjudged = new List<DiffRow>();
        foreach (var row in endpoints.Concat(methods).Concat(lines))
        {
            // A small member counted, not timed, on a side has no time of its own there (no change, no ratio): its time
            // is in its caller's line, which the gate judges. Its 0 is neither slower nor faster, nor the change to or from it.
            if (row.TimeChange is not double change || row.TimeRatio is not double ratio) continue;
            if (ratio <= 1 + rule.AllowedPercent / 100 || change < rule.MinimumNs) continue;
            if (ComparedOnTooFewRequests(row, sides))
            {
                unjudged.Add(row);
                continue;
            }

            double floor = rule.Floor(row, requestCount);
            if (change <= floor) continue;
            (row.IsEndpoint || rule.Strict || !totalImproved ? failures : excused).Add(new SlowerRow(row, floor));
        }

        return new GateVerdict(failures, excused, unjudged, perRequestBefore, perRequestAfter);
    }

    /// <summary>
    /// Whether a line or method ran in fewer than <see cref="GateRule.MinimumRequests"/> of the compared requests on a
    /// side. In a diff per request, one left on its totals ran in none of them: only in the warm-up requests left out
    /// or outside requests. That is start-up work (a singleton's constructor, a cache's first fill) whose one run
    /// scatters by milliseconds between identical runs of an app, so its total says nothing of a change either.
    /// </summary>
    private static bool ComparedOnTooFewRequests(DiffRow row, DiffSides sides) => row.Basis == DiffBasis.PerRequest
        ? Math.Min(row.RequestsBefore ?? 0, row.RequestsAfter ?? 0) < GateRule.MinimumRequests
        : sides.PerRequest && !row.IsEndpoint;
}
