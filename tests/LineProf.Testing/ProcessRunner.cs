using System.Diagnostics;
using System.Text;

namespace LineProf.Testing;

/// <summary>The result of a finished process: its exit code and everything it printed, interleaved.</summary>
public sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"exit code {ExitCode}\n{Output}";
}

/// <summary>Runs real processes (dotnet, mono, nginx) with a timeout, capturing their output.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var info = Start(fileName, arguments, workingDirectory, environment);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(5)).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) return new ProcessResult(-1, output + $"\n[timed out after {timeout}]");
        }

        process.WaitForExit(); // drains the asynchronous readers
        lock (output) return new ProcessResult(process.ExitCode, output.ToString());
    }

    public static ProcessStartInfo Start(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);

        // A test's builds must not share an MSBuild node (or its loaded LineProf task) with anything else.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var variable in environment ?? new Dictionary<string, string?>()) info.Environment[variable.Key] = variable.Value;
        return info;
    }
}
