using LineProf.Matching;
using LineProf.Tool.Analysis;
using LineProf.Tool.Cli;
using LineProf.Tool.Output;

namespace LineProf.Tool.Commands;

/// <summary><c>lineprof show</c>: methods line by line, as line_profiler lists a function.</summary>
public sealed class ShowCommand : ICommand
{
    private const int DefaultCount = 10;

    public string Name => "show";

    public string Summary => "list methods line by line (line_profiler's listing) in the terminal";

    public string Help => """
        lineprof show <lineprof.json> [--match GLOB]... [--file GLOB]... [-n 10]
                      [--endpoint NAME | --request ID | --outside] [--unfold]

        Lists methods as line_profiler does: a header with the method's time, calls, file and first line, then each
        of its lines with Line #, Hits, Time, Per Hit, % Time (of the method's time), Self and the source. Methods
        come most time first; without --match or --file, the 10 with the most time. In a method of more than 12
        lines, stretches of 3 or more lines each under 1% of its time are folded, keeping 2 lines around each
        hotter one, as the HTML page does. In a terminal, rows are coloured by their share as on the page.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--match", null, "GLOB", "methods by name, e.g. 'MyApp.Orders.*' (several allowed)"),
        new OptionSpec("--file", null, "GLOB", "methods with lines in these files, e.g. 'OrdersController.cs' or 'Services/**' (several allowed)"),
        new OptionSpec("--count", "-n", "N", $"how many methods (default {DefaultCount}, or all those chosen by --match or --file; 0 for all)"),
        new OptionSpec("--endpoint", null, "NAME", "summed over one endpoint's requests, e.g. 'GET /orders/{id}'"),
        new OptionSpec("--request", null, "ID", "in one retained request (its id is in the page's Requests tab and in lineprof.json)"),
        new OptionSpec("--outside", null, null, "what ran outside requests (start-up, background work) instead"),
        new OptionSpec("--unfold", null, null, "show every line, folding nothing"),
    };

    public int Run(CommandLine line, ToolContext context)
    {
        line.ExpectPositionals(1, 1, "one lineprof.json");
        var names = new Selection(line.Values("--match"));
        var files = line.Values("--file").Select(Wildcard.Path).ToList();
        bool chosen = !names.IsEverything || files.Count > 0;
        int count = line.Integer("--count", chosen ? 0 : DefaultCount, minimum: 0);
        var scopes = new[] { "--endpoint", "--request", "--outside" }.Where(line.Has).ToList();
        if (scopes.Count > 1) throw new UserError($"{scopes[0]} and {scopes[1]} each choose what 'lineprof show' sums over; give one");

        string path = line.Positionals[0];
        var report = context.Read(path);
        var scope = line.Value("--endpoint") is string endpoint ? ListingScope.Endpoint(report, endpoint)
            : line.Value("--request") is string request ? ListingScope.Request(report, request)
            : line.Has("--outside") ? ListingScope.Outside(report)
            : ListingScope.All(report);

        var all = MethodListing.Build(scope.Lines, scope.Methods);
        var shown = all.Where(m => names.Method(m.Method) && (files.Count == 0 || m.Lines.Any(l => files.Any(f => f.IsMatch(l.File)))))
            .ToList();
        int matched = shown.Count;
        if (count > 0) shown = shown.Take(count).ToList();

        string what = shown.Count == all.Count ? (all.Count == 1 ? "" : "All ") + Figures.Plural(all.Count, "method")
            : shown.Count == matched ? $"{Figures.Plural(shown.Count, "method")} of {all.Count}"
            : $"The {shown.Count} of {Figures.Plural(matched, chosen ? "chosen method" : "method")} with the most time";
        context.Output.WriteLine(Cells.Printable($"{what}, {scope.Description}, {report.Mode} mode: {path}"));
        if (shown.Count == 0)
        {
            context.Output.WriteLine(all.Count == 0 ? "No line ran here." : "No method matches.");
            return ExitCodes.Ok;
        }

        var writer = new ListingWriter(context.Output, context.Paint, scope.Description, line.Has("--unfold"));
        foreach (var method in shown)
        {
            context.Output.WriteLine();
            writer.Write(method);
        }

        return ExitCodes.Ok;
    }
}
