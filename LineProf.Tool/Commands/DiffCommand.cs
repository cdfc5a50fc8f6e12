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

    public string Summary => "compare two lineprof.json files per endpoint, method and line (did my fix help?)";

    public string Help => """
        lineprof diff <before.json> <after.json> [--format text|markdown|csv|json] [-n 20] [--match GLOB]...
                      [--fail-if-slower PERCENT [--min-time 1ms] [--strict]] [--path-prefix OLD=NEW] [--include-warm-up]

        Pairs the endpoints, methods and lines of two reports of the same app and shows them before and after, the
        largest change in self time first. Where both reports retain requests with their own lines, each row is
        compared per request: the median over the requests that ran it (an endpoint: its requests' median
        duration), so a longer run does not look slower and a first call's JIT does not decide. Elsewhere the
        figures are totals over each run. The Basis column says which. Warm-up requests are left out.
        Lines an edit moved are paired by their text when it is unique in the method, other lines by number.
        Reports built in different folders pair by their files' paths below the folders, found automatically or
        given with --path-prefix.
        A small member counted, not timed (its time is its caller's), reads 'in caller' for its time and compares
        its hits or calls, after the timed rows; a member counted in one report and timed in the other is noted
        'now timed' or 'now counted'. The gate judges neither.

        With --fail-if-slower, exits with code 3 when a selected endpoint, method or line (--match, default all)
        takes more than PERCENT longer and the change is above its floor: --min-time per request (a total over n
        requests: --min-time × √n), and three standard errors of the change, from the spread of the per-request
        figures (the reports' own time error for totals). Rows compared on fewer than 3 requests a side are not
        judged. When the self time of the selected lines per request fell, slower lines and methods are listed
        but do not fail (work moved rather than grew); --strict fails on them too. Endpoints always count.
        --match takes a glob over method names (App.Orders.*) or places (Orders.cs:42, */Orders.cs:*); endpoints
        are checked only without it.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--format", null, "FORMAT", "text (default), markdown, csv or json"),
        new OptionSpec("--count", "-n", "N", "rows per table (default 20 for text and markdown; 0 for all, the default for csv and json)"),
        new OptionSpec("--match", null, "GLOB", "only these methods or lines, shown and checked; may be given several times"),
        new OptionSpec("--fail-if-slower", null, "PERCENT", "exit with code 3 if a selected endpoint, method or line got slower by more than this"),
        new OptionSpec("--min-time", null, "DURATION", "with --fail-if-slower: the smallest change per request that counts (default 1ms)"),
        new OptionSpec("--strict", null, null, "with --fail-if-slower: fail on slower lines and methods even when the total self time fell"),
        new OptionSpec("--path-prefix", null, "OLD=NEW", "before's files under OLD are after's under NEW (reports from different checkouts)"),
        new OptionSpec("--include-warm-up", null, null, "compare warm-up requests too (left out by default)"),
    };

    public int Run(CommandLine line, ToolContext context)
    {
        line.ExpectPositionals(2, 2, "two lineprof.json files, before and after");
        string format = line.Choice("--format", "text", "text", "markdown", "csv", "json");
        int count = line.Integer("--count", format is "text" or "markdown" ? 20 : 0, minimum: 0);
        var selection = new Selection(line.Values("--match"));
        double? allowedPercent = line.Value("--fail-if-slower") is string percent ? Quantities.Percent("--fail-if-slower", percent) : null;
        double minimumTime = line.Value("--min-time") is string time ? Quantities.Nanoseconds("--min-time", time) : 1e6;
        var pathMap = line.Value("--path-prefix") is string prefix ? PathPairing.Parse("--path-prefix", prefix) : null;

        string beforePath = line.Positionals[0], afterPath = line.Positionals[1];
        var before = context.Read(beforePath);
        var after = context.Read(afterPath);
        if (before.Mode != after.Mode)
            context.Messages.WriteLine($"note: {beforePath} is {before.Mode} and {afterPath} is {after.Mode}; their times have different errors.");

        var beforeFiles = PathPairing.Files(before);
        var afterFiles = PathPairing.Files(after);
        // Two apps may share file names (Program.cs); only one app's checkouts are matched by them.
        if (pathMap == null && AppIdentity.SameApp(before, after)) pathMap = PathPairing.Find(beforeFiles, afterFiles);
        if (pathMap != null)
        {
            int moved = PathPairing.Apply(before, pathMap);
            context.Messages.WriteLine(Cells.Printable(pathMap.Automatic
                ? $"note: the reports were built in different folders; pairing files by their paths below {pathMap.Old} ({beforePath}) and {pathMap.New} ({afterPath}). " +
                  $"Say --path-prefix OLD=NEW to choose."
                : $"--path-prefix: {Figures.Plural(moved, "file")} of {beforePath} under {pathMap.Old} read as under {pathMap.New}."));
        }

        var sides = new DiffSides(before, after, line.Has("--include-warm-up"));
        var endpoints = ReportDiff.Endpoints(sides);
        var methods = ReportDiff.Methods(sides).Where(r => selection.Method(r.Method)).ToList();
        var lines = ReportDiff.Lines(sides).Where(r => selection.Line(r.Method, r.File, r.Line ?? 0)).ToList();
        double selfBefore = SelfTotal(before, selection), selfAfter = SelfTotal(after, selection);
        var unpaired = Unpaired(lines, beforePath, afterPath, beforeFiles, afterFiles, pathMap, before, after);

        if (format is "text" or "markdown")
        {
            string summary = Cells.Printable($"Before: {Describe(beforePath, before, sides.BeforeRequests)}. After: {Describe(afterPath, after, sides.AfterRequests)}. " +
                $"Self time of {(selection.IsEverything ? "all" : "the selected")} lines: {Figures.Time(selfBefore)} -> {Figures.Time(selfAfter)} " +
                $"({Figures.TimeChange(selfAfter - selfBefore)}). Compared {Basis(sides)}.");
            context.Output.WriteLine(format == "markdown" ? "**" + MarkdownTableWriter.Escape(summary) + "**" : summary);
            context.Output.WriteLine();
        }

        string folder = FileNames.CommonFolder(before.Lines.Concat(after.Lines).Select(l => l.File));
        var tables = new List<Table>();
        if (endpoints.Count > 0) tables.Add(Table("endpoints", "Endpoints", "endpoint", "Requests", endpoints, count, folder));
        tables.Add(Table("methods", "Methods", "method", "Calls", methods, count, folder));
        tables.Add(Table("lines", "Lines", "line", "Hits", lines, count, folder));
        TableFormats.Writer(format, context.Paint).Write(tables, context.Output);
        if (format is "text" or "markdown") WriteLegends(Shown(methods, count).Concat(Shown(lines, count)).ToList(), context.Output);

        if (unpaired != null)
        {
            if (allowedPercent != null) throw new UserError(unpaired + "; the gate has nothing to compare");
            context.Messages.WriteLine("note: " + unpaired + ".");
        }

        if (allowedPercent is not double allowed) return ExitCodes.Ok;
        var rule = new GateRule(allowed, minimumTime, line.Has("--strict"));
        // --match selects methods and lines; an endpoint is all of its lines, so it is checked only when all are.
        var verdict = DiffGate.Judge(rule, sides, selection.IsEverything ? endpoints : [], methods, lines, selfBefore, selfAfter);
        return Report(verdict, rule, selection, context.Messages);
    }

    private static IEnumerable<DiffRow> Shown(List<DiffRow> rows, int count) => count > 0 ? rows.Take(count) : rows;

    /// <summary>Under the tables, what "in caller" and a change of counting mean, when a row shown has them.</summary>
    private static void WriteLegends(List<DiffRow> shown, TextWriter output)
    {
        if (shown.Any(r => !r.TimesCompare))
        {
            output.WriteLine();
            output.WriteLine(Figures.InCallerLegend + " Such a row compares its hits or calls; it is ranked after the timed rows and the gate does not judge it.");
        }

        if (shown.Any(r => r.CountingChanged))
        {
            output.WriteLine();
            output.WriteLine($"{DiffRow.NowTimed}, {DiffRow.NowCounted}: the member was counted in one report and timed in the other " +
                "(LineProfileTimeSmallMembers differs between the builds, or an edit changed the member's size), so its times do not compare: " +
                "where it was counted, its time is in its caller's line.");
        }
    }

    private static int Report(GateVerdict verdict, GateRule rule, Selection selection, TextWriter messages)
    {
        string allowed = rule.AllowedPercent.ToString(CultureInfo.InvariantCulture) + "%";
        string total = $"the self time of {(selection.IsEverything ? "all" : "the selected")} lines per request fell from " +
            $"{Figures.Time(verdict.SelfPerRequestBefore)} to {Figures.Time(verdict.SelfPerRequestAfter)}";
        foreach (var slower in verdict.Failures) messages.WriteLine(Cells.Printable($"slower by more than {allowed}: {Slower(slower)}"));
        foreach (var slower in verdict.Excused)
            messages.WriteLine(Cells.Printable($"slower by more than {allowed}, not failing since {total} (--strict fails on it): {Slower(slower)}"));
        if (verdict.Unjudged.Count > 0)
        {
            messages.WriteLine($"not judged: {Figures.Plural(verdict.Unjudged.Count, "row")} slower by more than {allowed} ran in fewer than " +
                $"{GateRule.MinimumRequests} of the compared requests on a side (warm-up requests and work outside requests are not compared), too few to tell a change from noise (the first, largest: {What(verdict.Unjudged[0])}).");
        }

        if (verdict.Fails)
        {
            if (verdict.TotalImproved)
                messages.WriteLine($"Failing although {total}: {Figures.Plural(verdict.Failures.Count, verdict.Failures.Any(f => !f.Row.IsEndpoint) ? "row" : "endpoint")} got slower.");
            return ExitCodes.Slower;
        }

        string what = selection.IsEverything ? "endpoint, method or line" : "selected endpoint, method or line";
        messages.WriteLine(verdict.Excused.Count > 0
            ? $"No {what} fails the gate: {Figures.Plural(verdict.Excused.Count, "row")} got slower, but {total}."
            : $"No {what} got slower by more than {allowed} beyond its floor.");
        return ExitCodes.Ok;
    }

    private static string Slower(SlowerRow slower)
    {
        var row = slower.Row;
        string basis = row.Basis == DiffBasis.PerRequest ? $" per request (median of {row.RequestsBefore} -> {row.RequestsAfter} requests)" : row.IsEndpoint ? " (p50)" : " in total";
        return $"{What(row)}: {Figures.Time(row.TimeBefore!.Value)} -> {Figures.Time(row.TimeAfter!.Value)}{basis} " +
            $"(+{Figures.Percent((row.TimeRatio!.Value - 1) * 100)}, {Figures.TimeChange(row.TimeChange!.Value)} over a floor of {Figures.Time(slower.FloorNs)})";
    }

    private static string What(DiffRow row) =>
        row.IsEndpoint ? $"endpoint {row.Method}" : row.IsLine ? $"line {FileNames.Name(row.File)}:{row.Line} in {row.Method}" : $"method {row.Method}";

    /// <summary>Why no line pairs, when none does: the likeliest cause and what to do; null when some line pairs.</summary>
    private static string? Unpaired(List<DiffRow> lines, string beforePath, string afterPath, HashSet<string> beforeFiles, HashSet<string> afterFiles,
        PathMap? map, ProfileReport before, ProfileReport after)
    {
        if (lines.Count == 0 || lines.Any(r => r.TimeBefore != null && r.TimeAfter != null)) return null;
        string beforeRoot = FileNames.CommonFolder(beforeFiles), afterRoot = FileNames.CommonFolder(afterFiles);
        string roots = $"{beforePath}'s files are under {Shown(beforeRoot)} and {afterPath}'s under {Shown(afterRoot)}";
        if (map is { Automatic: false } && !beforeFiles.Any(f => f.StartsWith(map.Old, StringComparison.Ordinal)))
            return Cells.Printable($"no line pairs: --path-prefix {map.Old}= matches no file of {beforePath}, whose files are under {Shown(beforeRoot)}");
        if (!AppIdentity.SameApp(before, after))
            return Cells.Printable($"no line pairs: these are reports of different apps ({AppIdentity.Describe(before)} and {AppIdentity.Describe(after)}); {roots}");
        var beforeNames = beforeFiles.Select(FileNames.Name).ToHashSet(StringComparer.Ordinal);
        if (!afterFiles.Any(f => beforeNames.Contains(FileNames.Name(f))))
            return Cells.Printable($"no line pairs: {roots}, with no file name in common: these look like reports of different apps");
        return Cells.Printable($"no line pairs: {roots}; if they are checkouts of one app in different folders, say where: --path-prefix {Shown(beforeRoot)}={Shown(afterRoot)}");

        static string Shown(string root) => root.Length == 0 ? "different folders" : root;
    }

    private static string Describe(string path, ProfileReport report, RequestFigures requests) =>
        $"{path} ({report.Mode}, {Figures.Plural(report.RequestCount, "request")}" +
        (requests.WarmUpLeftOut > 0 ? $", {Figures.Plural(requests.WarmUpLeftOut, "warm-up request")} left out" : "") + ")";

    private static string Basis(DiffSides sides) => sides.PerRequest
        ? $"per request: medians over {Figures.Plural(sides.BeforeRequests.Used, "retained request")} before and {sides.AfterRequests.Used.ToString("N0", CultureInfo.InvariantCulture)} after " +
          "where they ran a row, totals elsewhere (see Basis)"
        : "by totals over each run (the reports retain no requests with their lines)";

    private static double SelfTotal(ProfileReport report, Selection selection) =>
        report.Lines.Where(l => selection.Line(l.Method, l.File, l.Line)).Sum(l => (double)l.SelfNs);

    private static Table Table(string key, string title, string rowKind, string counted, List<DiffRow> rows, int count, string folder)
    {
        var table = new Table(key, title, rowKind, new[]
        {
            new Column("selfChangeNs", "Δ Self", ColumnKind.TimeChange),
            // A small member counted, not timed, on a side: people read "in caller" there, scripts the report's own 0
            // beside countedBefore/countedAfter.
            new Column("timeBeforeNs", "Time before", ColumnKind.Time, Audience.People),
            new Column("timeAfterNs", "Time after", ColumnKind.Time, Audience.People),
            new Column("timeBeforeNs", "Time before", ColumnKind.Time, Audience.Machines),
            new Column("timeAfterNs", "Time after", ColumnKind.Time, Audience.Machines),
            new Column("timeChangeNs", "Δ Time", ColumnKind.TimeChange),
            new Column("timeRatio", "Ratio", ColumnKind.Ratio),
            new Column("countBefore", counted + " before", ColumnKind.Count),
            new Column("countAfter", counted + " after", ColumnKind.Count),
            new Column("basis", "Basis", ColumnKind.Text),
            new Column("status", "Note", ColumnKind.Text),
            // Bytes per request where both reports counted them, for people; scripts read lineprof.json's own fields.
            new Column("allocBefore", "Alloc/req before", ColumnKind.Count, Audience.People),
            new Column("allocAfter", "Alloc/req after", ColumnKind.Count, Audience.People),
            new Column("where", rowKind == "endpoint" ? "Endpoint" : "File", ColumnKind.Code, Audience.People),
            new Column("method", "Method", ColumnKind.Code, rowKind == "endpoint" ? Audience.Machines : Audience.Everyone),
            new Column("file", "File", ColumnKind.Code, Audience.Machines),
            new Column("line", "Line", ColumnKind.Count, Audience.Machines),
            new Column("lineBefore", "Line before", ColumnKind.Count, Audience.Machines),
            new Column("selfBeforeNs", "Self before", ColumnKind.Time, Audience.Machines),
            new Column("selfAfterNs", "Self after", ColumnKind.Time, Audience.Machines),
            new Column("countedBefore", "Counted before", ColumnKind.Flag, Audience.Machines),
            new Column("countedAfter", "Counted after", ColumnKind.Flag, Audience.Machines),
            new Column("requestsBefore", "Requests before", ColumnKind.Count, Audience.Machines),
            new Column("requestsAfter", "Requests after", ColumnKind.Count, Audience.Machines),
            new Column("noiseNs", "Noise", ColumnKind.Time, Audience.Machines),
            new Column("source", "Source", ColumnKind.Code, Audience.People),
            new Column("source", "Source", ColumnKind.Code, Audience.Machines),
        });
        foreach (var row in count > 0 ? rows.Take(count) : rows)
        {
            string place = folder.Length > 0 && row.File.StartsWith(folder, StringComparison.Ordinal) ? row.File[folder.Length..] : row.File;
            table.Add(row.SelfChange, row.CountedBefore ? Figures.InCaller : row.TimeBefore, row.CountedAfter ? Figures.InCaller : row.TimeAfter,
                row.TimeBefore, row.TimeAfter, row.TimeChange, row.TimeRatio, row.CountBefore, row.CountAfter,
                row.BasisText, row.Status.Length == 0 ? null : row.Status,
                // A counted member's allocations are its caller's line's too: no probe stood between them.
                row.CountedBefore && row.AllocBefore != null ? Figures.InCaller : row.AllocBefore, row.CountedAfter && row.AllocAfter != null ? Figures.InCaller : row.AllocAfter, row.IsEndpoint ? row.Method : row.IsLine ? place + ":" + row.Line : place,
                row.Method, row.IsEndpoint ? null : row.File, row.Line, row.LineBefore, row.SelfBefore, row.SelfAfter,
                row.TimeBefore == null ? null : row.CountedBefore, row.TimeAfter == null ? null : row.CountedAfter, row.RequestsBefore,
                row.RequestsAfter, row.NoiseNs, row.Source == null ? null : Statements.OneLine(row.Source), row.Source?.Trim());
        }

        return table;
    }
}
