using System.Diagnostics;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

/// <summary>What a run of the lineprof command did: its exit code, standard output and standard error apart.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
}

/// <summary>Runs the lineprof command as a real process: the build beside the tests, or an installed copy.</summary>
public static class Lineprof
{
    /// <summary>The tool as built with the tests (the project reference copies it and its runtimeconfig here).</summary>
    public static string BuiltDll => Path.Combine(AppContext.BaseDirectory, "LineProf.Tool.dll");

    public static ToolResult Run(string workingDirectory, params string[] arguments) =>
        Start("dotnet", [BuiltDll, .. arguments], workingDirectory);

    /// <summary>Runs an executable (the shim an installed tool gets) with its standard output and error kept apart.</summary>
    public static ToolResult Start(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = ProcessRunner.Start(fileName, arguments, workingDirectory);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within a minute");
        }

        return new ToolResult(process.ExitCode, output.Result, errors.Result);
    }

    /// <summary>
    /// The promise for bad input: exit code 1 and one line on standard error that names the file and says what is
    /// wrong, with no stack trace and no exception type.
    /// </summary>
    public static void AssertUserError(ToolResult result, params string[] fragments)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            var lines = result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(1), "one line of error: " + result);
            Assert.That(result.Errors, Does.StartWith("lineprof: "), result.ToString());
            Assert.That(result.Errors, Does.Not.Contain("Exception").And.Not.Contain("   at "), result.ToString());
            foreach (var fragment in fragments) Assert.That(result.Errors, Does.Contain(fragment), result.ToString());
        });
    }
}
