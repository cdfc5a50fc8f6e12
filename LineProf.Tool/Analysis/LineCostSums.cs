using LineProf.Reporting;

namespace LineProf.Tool.Analysis;

/// <summary>
/// What <see cref="ReportMerger"/> does with the costs beside time: bytes, commands and calls add up; a command seen
/// in several inputs is one command whose most per request is the largest of theirs; N+1 flags are judged again by
/// the merged report's threshold, so the merge states one rule.
/// </summary>
internal static class LineCostSums
{
    /// <summary>The inputs' settings: a cost counts as collected when every input collected it; the strictest threshold.</summary>
    public static LineCostsReport? Settings(IReadOnlyList<ProfileReport> reports)
    {
        var settings = reports.Select(r => r.LineCosts).ToList();
        if (settings.All(s => s == null)) return null;
        var known = settings.OfType<LineCostsReport>().ToList();
        return new LineCostsReport
        {
            Allocations = settings.All(s => s?.Allocations == true),
            DatabaseCommands = settings.All(s => s?.DatabaseCommands == true),
            HttpCalls = settings.All(s => s?.HttpCalls == true),
            NPlusOneThreshold = known.Min(s => s.NPlusOneThreshold),
        };
    }

    public static void Add(LineReport sum, LineReport line)
    {
        sum.AllocBytes = checked(sum.AllocBytes + line.AllocBytes);
        sum.SelfAllocBytes = checked(sum.SelfAllocBytes + line.SelfAllocBytes);
        sum.DbCommands = checked(sum.DbCommands + line.DbCommands);
        sum.DbNs = checked(sum.DbNs + line.DbNs);
        sum.HttpCalls = checked(sum.HttpCalls + line.HttpCalls);
        sum.HttpNs = checked(sum.HttpNs + line.HttpNs);
        sum.Commands = Commands(sum.Commands, line.Commands);
    }

    public static void Add(RequestLine sum, RequestLine line)
    {
        sum.AllocBytes = checked(sum.AllocBytes + line.AllocBytes);
        sum.SelfAllocBytes = checked(sum.SelfAllocBytes + line.SelfAllocBytes);
        sum.DbCommands = checked(sum.DbCommands + line.DbCommands);
        sum.DbNs = checked(sum.DbNs + line.DbNs);
        sum.HttpCalls = checked(sum.HttpCalls + line.HttpCalls);
        sum.HttpNs = checked(sum.HttpNs + line.HttpNs);
        sum.Commands = Commands(sum.Commands, line.Commands);
    }

    /// <summary>Flags each summed line's commands by <paramref name="threshold"/>, and the line by its commands.</summary>
    public static void Judge(ProfileReport merged)
    {
        if (merged.LineCosts is not { } settings) return;
        foreach (var line in merged.Lines.Concat(merged.OutsideRequests.Lines)) line.NPlusOne = Judge(line.Commands, settings.NPlusOneThreshold);
        foreach (var line in merged.Endpoints.SelectMany(e => e.Lines).Concat(merged.Requests.SelectMany(r => r.Lines)))
            line.NPlusOne = Judge(line.Commands, settings.NPlusOneThreshold);
    }

    private static bool Judge(List<LineCommand>? commands, int threshold)
    {
        bool any = false;
        foreach (var command in commands ?? [])
        {
            command.NPlusOne = command.Kind == "db" && command.MaxPerRequest > threshold;
            any |= command.NPlusOne;
        }

        return any;
    }

    private static List<LineCommand>? Commands(List<LineCommand>? sum, List<LineCommand>? more)
    {
        if (more == null || more.Count == 0) return sum;
        var result = sum ?? new List<LineCommand>();
        foreach (var command in more)
        {
            var same = result.Find(c => c.Kind == command.Kind && c.Text == command.Text && c.HttpMethod == command.HttpMethod
                && c.Host == command.Host && c.Path == command.Path);
            if (same == null)
            {
                result.Add(same = new LineCommand { Kind = command.Kind, Text = command.Text, HttpMethod = command.HttpMethod, Host = command.Host, Path = command.Path });
            }

            same.Count = checked(same.Count + command.Count);
            same.TimeNs = checked(same.TimeNs + command.TimeNs);
            same.MaxPerRequest = Math.Max(same.MaxPerRequest, command.MaxPerRequest);
        }

        result.Sort((a, b) => b.Count.CompareTo(a.Count)); // most frequent first, as the runtime lists them
        return result;
    }
}
