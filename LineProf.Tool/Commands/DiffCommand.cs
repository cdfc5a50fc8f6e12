using System.Globalization;
using LineProf.Reporting;
using LineProf.Tool.Analysis;
using LineProf.Tool.Cli;
using LineProf.Tool.Output;

namespace LineProf.Tool.Commands;

/// <summary><c>lineprof diff</c>: what changed between two reports, and a gate for CI.</summary>
public sealed class DiffCommand : ICommand
{
    public string Name => "diff";

    public string Summary => "compare two lineprof.json files per method and line (did my fix help?)";

    public string Help => """
        lineprof diff <before.json> <after.json> [--format text|markdown|csv|json] [-n 20] [--match GLOB]...
                      [--fail-if-slower PERCENT] [--min-time 1ms]

        Pairs the methods and lines of two reports of the same app and shows hits and time before and after,
        the change and the ratio, the largest change in self time first. Lines an edit moved are paired by their
        text when it is unique in the method, other lines by number. Compare runs of the same workload: the
        figures are totals over each run's requests.

        With --fail-if-slower, exits with code 3 when a selected method or line (--match, default all) takes more
        than PERCENT longer (time, after over before), ignoring those under --min-time after the change.
        --match takes a glob over method names (App.Orders.*) or places (Orders.cs:42, */Orders.cs:*).
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--format", null, "FORMAT", "text (default), markdown, csv or json"),
        new OptionSpec("--count", "-n", "N", "rows per table (default 20 for text and markdown; 0 for all, the default for csv and json)"),
        new OptionSpec("--match", null, "GLOB", "only these methods or lines, shown and checked; may be given several times"),
        new OptionSpec("--fail-if-slower", null, "PERCENT", "exit with code 3 if a selected method or line got slower by more than this"),
        new OptionSpec("--min-time", null, "DURATION", "with --fail-if-slower: ignore what takes less than this after the change (default 1ms)"),
    };

    public int Run(CommandLine line, ToolContext context)
    {
        line.ExpectPositionals(2, 2, "two lineprof.json files, before and after");
        string format = line.Choice("--format", "text", "text", "markdown", "csv", "json");
        int count = line.Integer("--count", format is "text" or "markdown" ? 20 : 0, minimum: 0);
        var selection = new Selection(line.Values("--match"));
        double? allowedPercent = line.Value("--fail-if-slower") is string percent ? Quantities.Percent("--fail-if-slower", percent) : null;
        double minimumTime = line.Value("--min-time") is string time ? Quantities.Nanoseconds("--min-time", time) : 1e6;

        string beforePath = line.Positionals[0], afterPath = line.Positionals[1];
        var before = context.Read(beforePath);
        var after = context.Read(afterPath);
        if (before.Mode != after.Mode)
            context.Messages.WriteLine($"note: {beforePath} is {before.Mode} and {afterPath} is {after.Mode}; their times have different errors.");

        var methods = ReportDiff.Methods(before, after).Where(r => selection.Method(r.Method)).ToList();
        var lines = ReportDiff.Lines(before, after).Where(r => selection.Line(r.Method, r.File, r.Line ?? 0)).ToList();

        if (format is "text" or "markdown")
        {
            string summary = Cells.Printable($"Before: {Describe(beforePath, before)}. After: {Describe(afterPath, after)}. " +
                $"Self time of all lines: {Figures.Time(SelfTotal(before))} -> {Figures.Time(SelfTotal(after))} " +
                $"({Figures.TimeChange((double)SelfTotal(after) - SelfTotal(before))}).");
            context.Output.WriteLine(format == "markdown" ? "**" + MarkdownTableWriter.Escape(summary) + "**" : summary);
            context.Output.WriteLine();
        }

        string folder = FileNames.CommonFolder(before.Lines.Concat(after.Lines).Select(l => l.File));
        var tables = new[]
        {
            Table("methods", "Methods", "method", "Calls", methods, count, folder),
            Table("lines", "Lines", "line", "Hits", lines, count, folder),
        };
        TableFormats.Writer(format, context.Paint).Write(tables, context.Output);

        if (allowedPercent is not double allowed) return ExitCodes.Ok;
        var slower = methods.Concat(lines)
            .Where(r => r.TimeRatio is double ratio && ratio > 1 + allowed / 100 && r.TimeAfter >= minimumTime)
            .ToList();
        foreach (var row in slower)
        {
            string what = row.IsLine ? $"line {FileNames.Name(row.File)}:{row.Line} in {row.Method}" : $"method {row.Method}";
            context.Messages.WriteLine(Cells.Printable($"slower by more than {allowed.ToString(CultureInfo.InvariantCulture)}%: {what}: " +
                $"{Figures.Time(row.TimeBefore!.Value)} -> {Figures.Time(row.TimeAfter!.Value)} (+{Figures.Percent((row.TimeRatio!.Value - 1) * 100)})"));
        }

        if (slower.Count == 0)
        {
            context.Messages.WriteLine($"No {(selection.IsEverything ? "" : "selected ")}method or line got slower by more than " +
                $"{allowed.ToString(CultureInfo.InvariantCulture)}%.");
            return ExitCodes.Ok;
        }

        return ExitCodes.Slower;
    }

    private static string Describe(string path, ProfileReport report) =>
        $"{path} ({report.Mode}, {Figures.Plural(report.RequestCount, "request")})";

    private static long SelfTotal(ProfileReport report) => report.Lines.Aggregate(0L, (sum, l) => unchecked(sum + l.SelfNs));

    private static Table Table(string key, string title, string rowKind, string counted, List<DiffRow> rows, int count, string folder)
    {
        var table = new Table(key, title, rowKind, new[]
        {
            new Column("selfChangeNs", "Δ Self", ColumnKind.TimeChange),
            new Column("timeBeforeNs", "Time before", ColumnKind.Time),
            new Column("timeAfterNs", "Time after", ColumnKind.Time),
            new Column("timeChangeNs", "Δ Time", ColumnKind.TimeChange),
            new Column("timeRatio", "Ratio", ColumnKind.Ratio),
            new Column("countBefore", counted + " before", ColumnKind.Count),
            new Column("countAfter", counted + " after", ColumnKind.Count),
            new Column("status", "Note", ColumnKind.Text),
            new Column("where", "File", ColumnKind.Code, Audience.People),
            new Column("method", "Method", ColumnKind.Code),
            new Column("file", "File", ColumnKind.Code, Audience.Machines),
            new Column("line", "Line", ColumnKind.Count, Audience.Machines),
            new Column("lineBefore", "Line before", ColumnKind.Count, Audience.Machines),
            new Column("selfBeforeNs", "Self before", ColumnKind.Time, Audience.Machines),
            new Column("selfAfterNs", "Self after", ColumnKind.Time, Audience.Machines),
            new Column("source", "Source", ColumnKind.Code, Audience.People),
            new Column("source", "Source", ColumnKind.Code, Audience.Machines),
        });
        foreach (var row in count > 0 ? rows.Take(count) : rows)
        {
            string place = folder.Length > 0 && row.File.StartsWith(folder, StringComparison.Ordinal) ? row.File[folder.Length..] : row.File;
            table.Add(row.SelfChange, row.TimeBefore, row.TimeAfter, row.TimeChange, row.TimeRatio, row.CountBefore, row.CountAfter,
                row.Status.Length == 0 ? null : row.Status, row.IsLine ? place + ":" + row.Line : place, row.Method, row.File,
                row.Line, row.LineBefore, row.SelfBefore, row.SelfAfter, row.Source == null ? null : Statements.OneLine(row.Source), row.Source?.Trim());
        }

        return table;
    }
}
