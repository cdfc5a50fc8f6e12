using LineProf.Tool.Cli;

namespace LineProf.Tool.Commands;

/// <summary>One <c>lineprof</c> subcommand.</summary>
public interface ICommand
{
    /// <summary>The word after <c>lineprof</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The synopsis and what the command does, for <c>lineprof NAME --help</c>.</summary>
    string Help { get; }

    /// <summary>The command's own options (the common ones are added by <see cref="LineProfTool"/>).</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Does the work; returns the exit code. User mistakes are thrown as <see cref="UserError"/>.</summary>
    int Run(CommandLine line, ToolContext context);
}
