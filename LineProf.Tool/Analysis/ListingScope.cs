using LineProf.Reporting;
using LineProf.Tool.Cli;
using LineProf.Tool.Output;

namespace LineProf.Tool.Analysis;

/// <summary>
/// What a listing is summed over, as the page's views are: all profiled requests, one endpoint, one retained
/// request, or the work outside requests. Its lines carry their source, which the report keeps with the totals only.
/// </summary>
public sealed class ListingScope
{
    private ListingScope(string description, IEnumerable<ScopeLine> lines, IEnumerable<MethodReport> methods)
    {
        Description = description;
        Lines = lines.ToList();
        Methods = methods.ToList();
    }

    /// <summary>"summed over 25 requests", "in request 0HN7 (GET /orders/3, 200, 4.2 ms)".</summary>
    public string Description { get; }

    public IReadOnlyList<ScopeLine> Lines { get; }

    public IReadOnlyList<MethodReport> Methods { get; }

    public static ListingScope All(ProfileReport report) =>
        new($"summed over {Figures.Plural(report.RequestCount, "request")}", report.Lines.Select(Of), report.Methods);

    public static ListingScope Outside(ProfileReport report) =>
        new("outside requests (start-up, background work)", report.OutsideRequests.Lines.Select(Of), report.OutsideRequests.Methods);

    public static ListingScope Endpoint(ProfileReport report, string name)
    {
        var endpoint = report.Endpoints.FirstOrDefault(e => e.Name == name)
            ?? throw new UserError($"the report has no endpoint '{name}'; its endpoints are " +
                (report.Endpoints.Count == 0 ? "none" : string.Join(", ", report.Endpoints.Select(e => "'" + e.Name + "'"))));
        var sources = Sources(report);
        return new($"summed over the {Figures.Plural(endpoint.Count, "request")} of {endpoint.Name}",
            endpoint.Lines.Select(l => Of(l, sources)), endpoint.Methods);
    }

    public static ListingScope Request(ProfileReport report, string id)
    {
        var request = report.Requests.FirstOrDefault(r => r.Id == id)
            ?? throw new UserError($"the report keeps no request '{id}'; it keeps {Figures.Plural(report.Requests.Count, "request")} with their lines" +
                (report.Requests.Count == 0 ? "" : ", the slowest first: " + string.Join(", ", report.Requests.Take(5).Select(r => r.Id)) +
                    (report.Requests.Count > 5 ? ", ..." : "")));
        var sources = Sources(report);
        return new($"in request {request.Id} ({request.Method} {request.Path}, {request.Status}, {Figures.Time(request.DurationNs)})",
            request.Lines.Select(l => Of(l, sources)), request.Methods);
    }

    private static ScopeLine Of(LineReport line) => new(line.File, line.Line, line.Method, line.Hits, line.TimeNs, line.SelfNs, line.Source, line.Counted);

    private static ScopeLine Of(RequestLine line, Dictionary<(string, int, string), string> sources) =>
        new(line.File, line.Line, line.Method, line.Hits, line.TimeNs, line.SelfNs, sources.GetValueOrDefault((line.File, line.Line, line.Method), ""), line.Counted);

    private static Dictionary<(string, int, string), string> Sources(ProfileReport report)
    {
        var sources = new Dictionary<(string, int, string), string>();
        foreach (var line in report.Lines.Concat(report.OutsideRequests.Lines)) sources.TryAdd((line.File, line.Line, line.Method), line.Source);
        return sources;
    }
}
