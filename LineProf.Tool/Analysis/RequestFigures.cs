using LineProf.Reporting;
using LineProf.Tool.Reading;

namespace LineProf.Tool.Analysis;

/// <summary>
/// A line's, method's or endpoint's figures per request on one side of a diff: the medians over the retained
/// requests that ran it, how many those were, and the standard error of the median time (its noise).
/// </summary>
public sealed record MedianFigures(int Requests, long Count, long TimeNs, long SelfNs, double NoiseNs);

/// <summary>
/// The retained requests of one report, as a diff compares them: per request rather than summed, so a run's length
/// and a few outliers (a first call's JIT compilation) do not decide the comparison. Warm-up requests are left out
/// unless asked for.
/// </summary>
public sealed class RequestFigures
{
    private readonly Dictionary<(string File, int Line, string Method), List<(long Count, long Time, long Self)>> _lines = new();
    private readonly Dictionary<(string File, string Method), List<(long Count, long Time, long Self)>> _methods = new();
    private readonly Dictionary<string, List<(long Count, long Time, long Self)>> _endpoints = new(StringComparer.Ordinal);

    public RequestFigures(ProfileReport report, bool includeWarmUp)
    {
        foreach (var request in report.Requests)
        {
            if (!includeWarmUp && WarmUpRequests.IsWarmUp(request))
            {
                WarmUpLeftOut++;
                continue;
            }

            Used++;
            Add(_endpoints, EndpointName(request), (1, request.DurationNs, request.DurationNs));
            foreach (var group in request.Lines.GroupBy(l => (l.File, l.Line, l.Method)))
                Add(_lines, group.Key, (group.Sum(l => l.Hits), group.Sum(l => l.TimeNs), group.Sum(l => l.SelfNs)));
            foreach (var group in request.Methods.GroupBy(m => (m.File, m.Method)))
                Add(_methods, group.Key, (group.Sum(m => m.Calls), group.Sum(m => m.TimeNs), group.Sum(m => m.SelfNs)));
        }

        HasLines = _lines.Count > 0;
    }

    /// <summary>The retained requests compared.</summary>
    public int Used { get; }

    public int WarmUpLeftOut { get; }

    /// <summary>Whether the report retains requests with their own lines: what per-request comparison needs.</summary>
    public bool HasLines { get; }

    /// <summary>The name the runtime sums a request under in <c>endpoints</c>.</summary>
    public static string EndpointName(RequestReport request) => request.Method + " " + (request.Endpoint ?? "(no endpoint)");

    public MedianFigures? Line(string file, int line, string method) => Of(_lines, (file, line, method));

    public MedianFigures? Method(string file, string method) => Of(_methods, (file, method));

    public MedianFigures? Endpoint(string name) => Of(_endpoints, name);

    private static void Add<TKey>(Dictionary<TKey, List<(long, long, long)>> figures, TKey key, (long, long, long) figure)
        where TKey : notnull
    {
        if (!figures.TryGetValue(key, out var list)) figures.Add(key, list = new List<(long, long, long)>());
        list.Add(figure);
    }

    private static MedianFigures? Of<TKey>(Dictionary<TKey, List<(long Count, long Time, long Self)>> figures, TKey key)
        where TKey : notnull
    {
        if (!figures.TryGetValue(key, out var list)) return null;
        var times = list.Select(f => f.Time).ToList();
        return new MedianFigures(list.Count, Spread.Median(list.Select(f => f.Count).ToList()), Spread.Median(times),
            Spread.Median(list.Select(f => f.Self).ToList()), Spread.StandardErrorOfMedian(times));
    }
}
