using LineProf.Reporting;
using LineProf.Tool.Cli;
using LineProf.Tool.Output;

namespace LineProf.Tool.Commands;

/// <summary><c>lineprof top</c>: the hottest lines of a report, as a table in the terminal.</summary>
public sealed class TopCommand : ICommand
{
    public string Name => "top";

    public string Summary => "list the hottest lines of a lineprof.json in the terminal";

    public string Help => """
        lineprof top <lineprof.json> [-n 20] [--by self|time|hits|alloc|db] [--outside] [--format text|markdown|csv|json]

        Lists the lines with the most self time (or time, or hits) over all profiled requests: Line, Hits, Time,
        Per Hit, Self, the method, file:line and the source. Self time is the line's time less the time deeper
        profiled lines took, so the line that did the work ranks above the line that called it. --by alloc ranks by the
        bytes a line allocated itself (exact mode), --by db by the database commands it issued; a line issuing one
        command more times in a request than the report's threshold is marked N+1.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--count", "-n", "N", "how many lines (default 20; 0 for all)"),
        new OptionSpec("--by", null, "FIGURE", "rank by self (default), time, hits, alloc (bytes allocated) or db (database commands)"),
        new OptionSpec("--outside", null, null, "the lines that ran outside requests (start-up, background work) instead"),
        new OptionSpec("--format", null, "FORMAT", "text (default), markdown, csv or json"),
    };

    public int Run(CommandLine line, ToolContext context)
    {
        line.ExpectPositionals(1, 1, "one lineprof.json");
        int count = line.Integer("--count", 20, minimum: 0);
        string by = line.Choice("--by", "self", "self", "time", "hits", "alloc", "db");
        string format = line.Choice("--format", "text", "text", "markdown", "csv", "json");
        bool outside = line.Has("--outside");

        string path = line.Positionals[0];
        var report = context.Read(path);
        var lines = outside ? report.OutsideRequests.Lines : report.Lines;
        if (by == "alloc" && report.LineCosts?.Allocations != true)
            throw new UserError($"{path} has no allocations per line: they are counted in exact mode on .NET, unless TrackAllocations is off");
        if (by == "db" && report.LineCosts?.DatabaseCommands != true)
            throw new UserError($"{path} has no database commands per line: it was written before LineProf counted them, or with TrackDatabaseCommands off");
        Func<LineReport, long> figure = by switch
        {
            "time" => l => l.TimeNs,
            "hits" => l => l.Hits,
            "alloc" => l => l.SelfAllocBytes,
            "db" => l => l.DbCommands,
            _ => l => l.SelfNs,
        };
        // A counted small member's time is its caller's: ranked by time, it goes after every timed line, not among the zeros.
        bool byTime = by is "self" or "time";
        var top = lines.OrderBy(l => byTime && l.Counted).ThenByDescending(figure).ThenBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line).ToList();
        if (count > 0) top = top.Take(count).ToList();

        if (format is "text" or "markdown")
        {
            string scope = outside ? "outside requests" : $"over {Figures.Plural(report.RequestCount, "request")}";
            string what = $"{(top.Count < lines.Count ? $"The {top.Count} hottest of {lines.Count} lines" : "All " + Figures.Plural(lines.Count, "line"))} by {By(by)}, " +
                $"{scope}, {report.Mode} mode: {path}";
            context.Output.WriteLine(format == "markdown" ? "**" + MarkdownTableWriter.Escape(Cells.Printable(what)) + "**" : Cells.Printable(what));
            context.Output.WriteLine();
        }

        var table = ReportTables.Lines(top, report);
        // Coloured as the page's Hottest lines tab: by the line's share of the self time of all the lines.
        double allSelf = lines.Sum(l => (double)l.SelfNs);
        table.Heat = row => Heats.Of(allSelf > 0 ? 100 * top[row].SelfNs / allSelf : 0);
        TableFormats.Writer(format, context.Paint).Write(new[] { table }, context.Output);
        if (format is "text" or "markdown" && top.Any(l => l.Counted))
        {
            context.Output.WriteLine();
            context.Output.WriteLine(Figures.InCallerLegend);
        }

        if (format is "text" or "markdown" && !outside && lines.Count == 0 && report.OutsideRequests.Lines.Count > 0)
        {
            // A worker or a library's test run profiles no request: its work is all outside requests.
            context.Output.WriteLine();
            context.Output.WriteLine(Cells.Printable($"No line ran in a request; {Figures.Plural(report.OutsideRequests.Lines.Count, "line")} ran outside requests: " +
                $"lineprof top {path} --outside"));
        }

        return ExitCodes.Ok;
    }

    private static string By(string by) => by switch
    {
        "self" => "self time",
        "alloc" => "bytes allocated",
        "db" => "database commands",
        _ => by,
    };
}
