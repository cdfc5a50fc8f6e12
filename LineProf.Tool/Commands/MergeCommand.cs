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
        (exact and sampled) are not merged, nor are reports of different apps (told apart by their woven
        assemblies) unless --allow-different-apps. The same file given twice, or reports that share retained
        requests (a copy, two snapshots of one run), are merged with a warning: their figures count twice.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--output", "-o", "FILE", "the merged lineprof.json (- for standard output); required"),
        new OptionSpec("--allow-different-apps", null, null, "merge reports of different apps too (refused by default)"),
    };

    public int Run(CommandLine line, ToolContext context)
    {
        line.ExpectPositionals(2, int.MaxValue, "two or more lineprof.json files");
        string output = line.Value("--output") ?? throw new UserError("'lineprof merge' needs -o <merged.json>, the file to write");

        var inputs = line.Positionals.Select(path => (path, context.Read(path))).ToList();
        WarnOfDuplicates(inputs, context.Messages);
        var result = ReportMerger.Merge(inputs, line.Has("--allow-different-apps"));
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

    private static void WarnOfDuplicates(List<(string Path, ProfileReport Report)> inputs, TextWriter messages)
    {
        var sameFile = new HashSet<(int, int)>();
        for (int i = 0; i < inputs.Count; i++)
        {
            for (int j = i + 1; j < inputs.Count; j++)
            {
                if (!SameFile(inputs[i].Path, inputs[j].Path)) continue;
                sameFile.Add((i, j));
                messages.WriteLine(Cells.Printable($"warning: {inputs[j].Path} is given twice (as {inputs[i].Path} too): its figures are counted twice."));
            }
        }

        foreach (var (first, second, shared) in ReportMerger.SharedRequests(inputs.Select(i => i.Report).ToList()).Where(p => !sameFile.Contains((p.First, p.Second))))
        {
            messages.WriteLine(Cells.Printable($"warning: {inputs[first].Path} and {inputs[second].Path} share {Figures.Plural(shared, "retained request")} " +
                "(same ids and start times): a copy, or snapshots of one run? Their figures are counted twice; the shared requests are kept once."));
        }
    }

    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
}
