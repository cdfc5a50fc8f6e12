using LineProf.Tool.Cli;
using LineProf.Tool.Commands;
using LineProf.Tool.Output;

namespace LineProf.Tool.Tests;

/// <summary>lineprof's own bugs: exit code 2 and a one-line apology, the details only with --verbose.</summary>
public class ErrorHandlingTests
{
    [Test]
    public void An_internal_error_is_one_line_of_apology_and_exit_code_2()
    {
        var (code, output, errors) = Run("crash", "--flag");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.InternalError));
            Assert.That(output, Is.Empty);
            Assert.That(errors.TrimEnd().Split('\n'), Has.Length.EqualTo(1), errors);
            Assert.That(errors, Does.StartWith("lineprof: internal error, sorry: NullReferenceException: the bug").And.Contain("--verbose"));
            Assert.That(errors, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public void With_verbose_an_internal_error_shows_its_stack_trace()
    {
        var (code, _, errors) = Run("crash", "--verbose");

        Assert.That(code, Is.EqualTo(ExitCodes.InternalError));
        Assert.That(errors, Does.Contain("System.NullReferenceException: the bug").And.Contain("   at "), errors);
    }

    private static (int Code, string Output, string Errors) Run(params string[] arguments)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = new LineProfTool(output, errors, Paint.None, new ICommand[] { new CrashingCommand() }).Run(arguments);
        return (code, output.ToString(), errors.ToString());
    }

    /// <summary>Stands for a bug in a command.</summary>
    private sealed class CrashingCommand : ICommand
    {
        public string Name => "crash";

        public string Summary => "fails";

        public string Help => "lineprof crash";

        public IReadOnlyList<OptionSpec> Options { get; } = new[] { new OptionSpec("--flag", null, null, "a flag") };

        public int Run(CommandLine line, ToolContext context) => throw new NullReferenceException("the bug\nsecond line");
    }
}
