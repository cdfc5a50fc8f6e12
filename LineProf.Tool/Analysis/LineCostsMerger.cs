using LineProf.Reporting;

namespace LineProf.Tool.Analysis;

/// <summary>
/// What <see cref="ReportMerger"/> does with the costs beyond time: a line's commands add up by command (text, or
/// HTTP target), their most in one request is the largest of the inputs', and the N+1 flag is judged again on the
/// merged figures against one threshold, so a merged report flags as the runtime would have.
/// </summary>
internal sealed class LineCostsMerger
{
    private readonly int? _threshold;

    public LineCostsMerger(LineCostsReport? settings)
    {
        _threshold = settings?.NPlusOneThreshold;
    }

    /// <summary>
    /// Null when no input says what it collected (reports older than line costs). A figure is there when any input
    /// collected it (the others count as none of it); the threshold is the strictest, so what any input flagged stays flagged.
    /// </summary>
    public static LineCostsReport? Settings(IReadOnlyList<ProfileReport> reports)
    {
        var known = reports.Select(r => r.LineCosts).OfType<LineCostsReport>().ToList();
        if (known.Count == 0) return null;
        return new LineCostsReport
        {
            Allocations = known.Any(c => c.Allocations),
            MethodAllocations = known.Any(c => c.MethodAllocations),
            DatabaseCommands = known.Any(c => c.DatabaseCommands),
            HttpCalls = known.Any(c => c.HttpCalls),
            NPlusOneThreshold = known.Min(c => c.NPlusOneThreshold),
        };
    }

    /// <summary>One line's commands with another's, most frequent first as the runtime lists them; null when neither has any.</summary>
    public static List<LineCommand>? SumCommands(List<LineCommand>? sum, List<LineCommand>? more)
    {
        if (more == null || more.Count == 0) return sum;
        var result = sum?.ToList() ?? [];
        foreach (var command in more)
        {
            var same = result.FirstOrDefault(c => c.Kind == command.Kind && c.Text == command.Text && c.HttpMethod == command.HttpMethod
                && c.Host == command.Host && c.Path == command.Path);
            if (same == null)
            {
                result.Add(same = new LineCommand { Kind = command.Kind, Text = command.Text, HttpMethod = command.HttpMethod, Host = command.Host, Path = command.Path });
            }

            same.Count = checked(same.Count + command.Count);
            same.TimeNs = checked(same.TimeNs + command.TimeNs);
            same.MaxPerRequest = Math.Max(same.MaxPerRequest, command.MaxPerRequest);
            same.NPlusOne |= command.NPlusOne;                    // kept when no threshold judges it again
        }

        result.Sort((a, b) => b.Count.CompareTo(a.Count));
        return result;
    }

    /// <summary>Judges the N+1 flag of every line of <paramref name="lists"/> and of their commands again.</summary>
    public void Flag(params IEnumerable<LineFigures>[] lists)
    {
        foreach (var line in lists.SelectMany(l => l)) line.NPlusOne = Flag(line.Commands);
    }

    private bool Flag(List<LineCommand>? commands)
    {
        bool any = false;
        foreach (var command in commands ?? [])
        {
            command.NPlusOne = _threshold is int n ? command.Kind == "db" && command.MaxPerRequest > n : command.NPlusOne;
            any |= command.NPlusOne;
        }

        return any;
    }
}
