using LineProf.Reporting;
using LineProf.Tool.Analysis;
using LineProf.Tool.Cli;
using LineProf.Tool.Output;

namespace LineProf.Tool.Commands;

/// <summary><c>lineprof merge</c>: several reports of one app summed into one lineprof.json.</summary>
public sealed class MergeCommand : ICommand
{
    public string Name => "merge";

    public string Summary => "sum several lineprof.json files (instances, runs) into one";

    public string Help => """
        lineprof merge <a.json> <b.json>... -o merged.json

        Sums the reports of several instances or runs of one app. Hits, calls and times of lines, methods and
        endpoints add up exactly; endpoint means are recomputed and maxima kept. Percentiles cannot be merged
        exactly: an endpoint found in several reports gets the request-weighted mean of their p50 and p95, and the
        command says so. The retained requests are the union of the inputs'. Reports taken in different modes
        (exact and sampled) are not merged.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--output", "-o", "FILE", "the merged lineprof.json (- for standard output); required"),
    };

    public int Run(CommandLine line, ToolContext context)
    {
        line.ExpectPositionals(2, int.MaxValue, "two or more lineprof.json files");
        string output = line.Value("--output") ?? throw new UserError("'lineprof merge' needs -o <merged.json>, the file to write");

        var inputs = line.Positionals.Select(path => (path, context.Read(path))).ToList();
        var result = ReportMerger.Merge(inputs);
        OutputFile.Write(output, context.Output, writer => ReportJson.Write(result.Report, writer));

        if (result.ApproximatedEndpoints.Count > 0)
        {
            context.Messages.WriteLine($"note: p50 and p95 of {Figures.Plural(result.ApproximatedEndpoints.Count, "endpoint")} found in several reports " +
                "are the request-weighted means of the reports' percentiles, an approximation; counts, totals, means and maxima are exact.");
        }

        if (output != "-")
        {
            var report = result.Report;
            context.Output.WriteLine($"Merged {Figures.Plural(inputs.Count, "report")} into {output}: {Figures.Plural(report.RequestCount, "request")}, " +
                $"{Figures.Plural(report.Lines.Count, "line")}, {Figures.Plural(report.Methods.Count, "method")}, {Figures.Plural(report.Endpoints.Count, "endpoint")}, " +
                $"{Figures.Plural(report.Requests.Count, "retained request")}.");
        }

        return ExitCodes.Ok;
    }
}
