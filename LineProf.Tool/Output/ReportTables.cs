using LineProf.Reporting;
using LineProf.Tool.Analysis;

namespace LineProf.Tool.Output;

/// <summary>
/// A report's lines and methods as tables, with the columns of LineProf's HTML report: Line, Hits, Time, Per Hit,
/// Self, the method, where it is and its source. Lines and methods share the columns, so they can share one CSV.
/// </summary>
public static class ReportTables
{
    private static readonly Column[] s_columns =
    {
        new Column("line", "Line", ColumnKind.Count),
        new Column("hits", "Hits", ColumnKind.Count),
        new Column("calls", "Calls", ColumnKind.Count),
        // A counted small member's time is its caller's: people read "in caller", scripts the report's own 0 (and counted).
        new Column("timeNs", "Time", ColumnKind.Time, Audience.People),
        new Column("timeNs", "Time", ColumnKind.Time, Audience.Machines),
        new Column("perHitNs", "Per Hit", ColumnKind.Time, Audience.People),
        new Column("perHitNs", "Per Hit", ColumnKind.Time, Audience.Machines),
        new Column("selfNs", "Self", ColumnKind.Time, Audience.People),
        new Column("selfNs", "Self", ColumnKind.Time, Audience.Machines),
        // People see the expected error where it matters, in sampled mode; scripts always get the figure.
        new Column("timeErrorNs", "± Time", ColumnKind.Time, Audience.People),
        new Column("timeErrorNs", "± Time", ColumnKind.Time, Audience.Machines),
        // Scripts tell a counted small member's 0 (its time is its caller's) from a timed line's by this.
        new Column("counted", "Counted", ColumnKind.Flag, Audience.Machines),
        // What a line costs beyond time, for people where the report has it; scripts read lineprof.json's own fields.
        new Column("selfAllocBytes", "Alloc B", ColumnKind.Count, Audience.People),
        new Column("dbCommands", "DB", ColumnKind.Count, Audience.People),
        new Column("nPlusOne", "N+1", ColumnKind.Text, Audience.People),
        new Column("method", "Method", ColumnKind.Code),
        new Column("where", "File", ColumnKind.Code, Audience.People),
        new Column("file", "File", ColumnKind.Code, Audience.Machines),
        new Column("source", "Source", ColumnKind.Code, Audience.People),
        new Column("source", "Source", ColumnKind.Code, Audience.Machines),
    };

    public static Table Lines(IEnumerable<LineReport> lines, ProfileReport report)
    {
        string folder = FileNames.CommonFolder(report.Lines.Select(l => l.File).Concat(report.OutsideRequests.Lines.Select(l => l.File)));
        bool sampled = report.Mode == ProfilingModes.Sampled;
        bool allocations = report.LineCosts?.Allocations == true;
        var table = new Table("lines", "Lines", "line", s_columns);
        foreach (var line in lines)
        {
            object? InCaller(object? figure) => line.Counted ? Figures.InCaller : figure;
            table.Add(line.Line, line.Hits, null, InCaller(line.TimeNs), line.TimeNs, InCaller(PerHit(line.TimeNs, line.Hits)), PerHit(line.TimeNs, line.Hits),
                InCaller(line.SelfNs), line.SelfNs,
                sampled ? (object)line.TimeErrorNs : null, line.TimeErrorNs, line.Counted,
                allocations ? InCaller(line.SelfAllocBytes) : null, line.DbCommands == 0 ? null : line.DbCommands, line.NPlusOne ? "N+1" : null,
                line.Method, Where(line.File, line.Line, folder), line.File, Statements.OneLine(line.Source), line.Source.Trim());
        }

        return table;
    }

    public static Table Methods(IEnumerable<MethodReport> methods, ProfileReport report)
    {
        string folder = FileNames.CommonFolder(report.Methods.Select(m => m.File).Concat(report.OutsideRequests.Methods.Select(m => m.File)));
        var table = new Table("methods", "Methods", "method", s_columns);
        foreach (var method in methods)
        {
            // Per Hit of a method is its time per call.
            object? InCaller(object? figure) => method.Counted ? Figures.InCaller : figure;
            table.Add(method.Line, null, method.Calls, InCaller(method.TimeNs), method.TimeNs, InCaller(PerHit(method.TimeNs, method.Calls)), PerHit(method.TimeNs, method.Calls),
                InCaller(method.SelfNs), method.SelfNs,
                null, null, method.Counted, null, null, null, method.Method, Where(method.File, method.Line, folder), method.File, null, null);
        }

        return table;
    }

    private static double? PerHit(long time, long count) => count == 0 ? null : (double)time / count;

    private static string Where(string file, int line, string folder) =>
        (folder.Length > 0 && file.StartsWith(folder, StringComparison.Ordinal) ? file[folder.Length..] : file) + ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
