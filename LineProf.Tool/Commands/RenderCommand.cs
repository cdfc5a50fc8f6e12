using LineProf.Reporting;
using LineProf.Tool.Cli;
using LineProf.Tool.Output;

namespace LineProf.Tool.Commands;

/// <summary><c>lineprof render</c>: the HTML page of a lineprof.json, made by the runtime's own renderer.</summary>
public sealed class RenderCommand : ICommand
{
    public string Name => "render";

    public string Summary => "write the self-contained HTML report of a lineprof.json";

    public string Help => """
        lineprof render <lineprof.json> [-o report.html]

        Writes the HTML report for a lineprof.json: the same self-contained page the app writes beside it
        (no external scripts or URLs). Useful for a report merged with 'lineprof merge' or copied from a server.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        new OptionSpec("--output", "-o", "FILE", "where to write the page (default: the JSON file's name with .html; - for standard output)"),
    };

    public int Run(CommandLine line, ToolContext context)
    {
        line.ExpectPositionals(1, 1, "one lineprof.json");
        string input = line.Positionals[0];
        string output = line.Value("--output") ?? Path.ChangeExtension(input, ".html");
        if (output != "-" && Path.GetFullPath(output) == Path.GetFullPath(input))
            throw new UserError($"the page would overwrite {input}; name another file with -o");

        var report = context.Read(input);
        OutputFile.Write(output, context.Output, writer => ReportHtml.Write(report, writer));
        if (output != "-") context.Output.WriteLine($"Wrote {output}");
        return ExitCodes.Ok;
    }
}
