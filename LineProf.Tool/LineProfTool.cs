using System.Text;
using LineProf.Tool.Cli;
using LineProf.Tool.Commands;
using LineProf.Tool.Output;
using LineProf.Tool.Reading;

namespace LineProf.Tool;

/// <summary>
/// The <c>lineprof</c> command: finds the subcommand, parses its arguments, runs it, and turns whatever goes wrong
/// into an exit code and one line on standard error: 1 for the user's mistakes, 2 (with an apology, and the details
/// with --verbose) for lineprof's own.
/// </summary>
public sealed class LineProfTool
{
    private static readonly OptionSpec[] s_commonOptions =
    {
        new("--max-size", null, "SIZE", $"read reports up to this size (default {ReportReader.DefaultMaxSize >> 20}MB), e.g. 500MB or 2GB"),
        new("--verbose", null, null, "on an internal error, print its details"),
        new("--no-color", null, null, "no colour, even in a terminal (as does the NO_COLOR environment variable)"),
        new("--help", "-h", null, "show this help"),
    };

    private readonly IReadOnlyList<ICommand> _commands;
    private readonly TextWriter _output;
    private readonly TextWriter _messages;
    private readonly Paint _paint;

    /// <param name="paint">How to colour output for people: <see cref="Paint.For"/> decides from the terminal and the environment.</param>
    /// <param name="commands">The commands; tests pass their own to reach the error handling. Default: lineprof's.</param>
    public LineProfTool(TextWriter output, TextWriter messages, Paint paint, IReadOnlyList<ICommand>? commands = null)
    {
        _output = output;
        _messages = messages;
        _paint = paint;
        _commands = commands ?? new ICommand[]
        {
            new RenderCommand(), new MergeCommand(), new DiffCommand(), new TopCommand(), new ShowCommand(), new ExportCommand(),
        };
    }

    public int Run(IReadOnlyList<string> arguments)
    {
        bool verbose = arguments.Contains("--verbose");
        try
        {
            return Dispatch(arguments);
        }
        catch (UserError e)
        {
            // Messages quote file names, arguments and values from the file: nothing in them may act on the terminal.
            _messages.WriteLine("lineprof: " + Cells.Printable(e.Message));
            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            if (verbose)
            {
                _messages.WriteLine("lineprof: internal error: " + e);
            }
            else
            {
                _messages.WriteLine($"lineprof: internal error, sorry: {e.GetType().Name}: {Cells.Printable(FirstLine(e.Message))} " +
                    "(run again with --verbose for details, and please report it)");
            }

            return ExitCodes.InternalError;
        }
    }

    private int Dispatch(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            _messages.Write(Usage());
            return ExitCodes.UserError;
        }

        string name = arguments[0];
        if (name is "--help" or "-h" or "help")
        {
            _output.Write(Usage());
            return ExitCodes.Ok;
        }

        if (name == "--version")
        {
            _output.WriteLine(ToolVersion.Current);
            return ExitCodes.Ok;
        }

        var command = _commands.FirstOrDefault(c => c.Name == name)
            ?? throw new UserError($"unknown command '{name}'; the commands are {string.Join(", ", _commands.Select(c => c.Name))} (see lineprof --help)");
        var options = command.Options.Concat(s_commonOptions).ToList();
        var line = CommandLine.Parse(command.Name, arguments.Skip(1).ToList(), options);
        if (line.Has("--help"))
        {
            _output.Write(CommandHelp(command, options));
            return ExitCodes.Ok;
        }

        long maxSize = line.Value("--max-size") is string size ? Quantities.Size("--max-size", size) : ReportReader.DefaultMaxSize;
        var paint = line.Has("--no-color") ? Paint.None : _paint;
        return command.Run(line, new ToolContext(new ReportReader(maxSize), _output, _messages, paint));
    }

    private string Usage()
    {
        var usage = new StringBuilder();
        usage.AppendLine($"lineprof {ToolVersion.Current}: works with LineProf's lineprof.json reports.");
        usage.AppendLine();
        usage.AppendLine("Usage: lineprof <command> [arguments] [options]");
        usage.AppendLine();
        usage.AppendLine("Commands:");
        int width = _commands.Max(c => c.Name.Length);
        foreach (var command in _commands) usage.AppendLine($"  {command.Name.PadRight(width)}  {command.Summary}");
        usage.AppendLine();
        usage.AppendLine("Run 'lineprof <command> --help' for a command's arguments and options.");
        usage.AppendLine("Exit codes: 0 done, 1 a problem with the input or the arguments, 2 an internal error,");
        usage.AppendLine("3 'diff --fail-if-slower' found something slower.");
        return usage.ToString();
    }

    private static string CommandHelp(ICommand command, IReadOnlyList<OptionSpec> options)
    {
        var help = new StringBuilder(command.Help.TrimEnd());
        help.AppendLine().AppendLine().AppendLine("Options:");
        int width = options.Max(o => o.Synopsis.Length);
        foreach (var option in options) help.AppendLine($"  {option.Synopsis.PadRight(width)}  {option.Help}");
        return help.ToString();
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? text : text[..end];
    }
}
