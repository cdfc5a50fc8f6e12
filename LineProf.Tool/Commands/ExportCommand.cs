using LineProf.Pprof;
using LineProf.Tool.Cli;
using LineProf.Tool.Output;

namespace LineProf.Tool.Commands;

/// <summary><c>lineprof export</c>: a report's lines and methods as one flat table for spreadsheets and scripts.</summary>
public sealed class ExportCommand : ICommand
{
    public string Name => "export";

    public string Summary => "write the lines and methods of a lineprof.json as CSV, Markdown or pprof";

    public string Help => """
        lineprof export <lineprof.json> --format csv|markdown|pprof [-o FILE] [--outside]

        Writes every line and method of the report, summed over all profiled requests, sorted by file and line.
        CSV is one table with a 'kind' column (line or method) and raw figures: times in nanoseconds, hits for a
        line, calls for a method; 'counted' is true for a small member counted, not timed, whose time (0 here) is
        in the line that called it. Markdown has a table of lines and one of methods, with readable figures, and
        'in caller' for a counted member's time.
        pprof is a gzipped profile.proto for go tool pprof and continuous profilers (Pyroscope, Parca, ...): one
        location per line, sample types hits, time and self (nanoseconds), labels endpoint, kind and mode. It is
        binary, so it needs -o FILE. Try: go tool pprof -sample_index=self -top -lines FILE
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--format", null, "FORMAT", "csv (default), markdown or pprof"),
        new OptionSpec("--output", "-o", "FILE", "where to write (default: standard output)"),
        new OptionSpec("--outside", null, null, "what ran outside requests (start-up, background work) instead"),
    };

    public int Run(CommandLine line, ToolContext context)
    {
        line.ExpectPositionals(1, 1, "one lineprof.json");
        string format = line.Choice("--format", "csv", "csv", "markdown", "pprof");
        string output = line.Value("--output") ?? "-";
        bool outside = line.Has("--outside");
        if (format == "pprof" && output == "-")
            throw new UserError("--format pprof writes a binary file: give it with -o FILE (e.g. -o lineprof.pb.gz)");

        var report = context.Read(line.Positionals[0]);
        if (format == "pprof")
        {
            OutputFile.WriteBinary(output, stream =>
            {
                if (outside) PprofProfile.WriteOutsideRequests(report, stream);
                else PprofProfile.Write(report, stream);
            });
            context.Output.WriteLine($"Wrote {output}");
            return ExitCodes.Ok;
        }

        var lines = outside ? report.OutsideRequests.Lines : report.Lines;
        var methods = outside ? report.OutsideRequests.Methods : report.Methods;
        var tables = new[]
        {
            ReportTables.Lines(lines.OrderBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line).ThenBy(l => l.Method, StringComparer.Ordinal), report),
            ReportTables.Methods(methods.OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Line).ThenBy(m => m.Method, StringComparer.Ordinal), report),
        };
        OutputFile.Write(output, context.Output, writer =>
        {
            TableFormats.Writer(format).Write(tables, writer);
            // CSV carries the counted column instead: a line after the table would break it.
            if (format == "markdown" && (lines.Any(l => l.Counted) || methods.Any(m => m.Counted)))
            {
                writer.WriteLine();
                writer.WriteLine(MarkdownTableWriter.Escape(Figures.InCallerLegend));
            }
        });
        if (output != "-") context.Output.WriteLine($"Wrote {output}");
        return ExitCodes.Ok;
    }
}
