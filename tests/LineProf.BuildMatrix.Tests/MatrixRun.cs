using LineProf.Testing;

namespace LineProf.BuildMatrix.Tests;

/// <summary>Runs the matrix app on each runtime it targets and reads what it printed.</summary>
public sealed class MatrixRun
{
    private MatrixRun(ProcessResult process)
    {
        Process = process;
        Result = process.Output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        Hits = process.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("HIT ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).ToDictionary(p => p[1], p => long.Parse(p[2]));
    }

    public ProcessResult Process { get; }

    /// <summary>The app's "RESULT ..." line: what it computed and where the library's exception was thrown.</summary>
    public string? Result { get; }

    /// <summary>"File.cs:line" → hits, as the woven app's own profiler counted them.</summary>
    public IReadOnlyDictionary<string, long> Hits { get; }

    /// <summary>
    /// .NET Framework builds run under Mono (with --debug, without which Mono reads no PDB for stack traces); .NET 8
    /// builds roll forward to the installed .NET runtime; the folder is a build output (bin/...) or a publish folder.
    /// </summary>
    public static MatrixRun Of(string framework, string assemblyFolder)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_ROLL_FORWARD"] = "Major", ["LINEPROF_OUTPUT"] = Path.Combine(assemblyFolder, "lineprof") };
        var result = framework == "net48"
            ? ProcessRunner.Run("mono", ["--debug", Path.Combine(assemblyFolder, "App.exe")], assemblyFolder, environment, TimeSpan.FromMinutes(2))
            : ProcessRunner.Run("dotnet", [Path.Combine(assemblyFolder, "App.dll")], assemblyFolder, environment, TimeSpan.FromMinutes(2));
        Assert.That(result.ExitCode, Is.Zero, $"the {framework} app ran:\n{result.Output}");
        return new MatrixRun(result);
    }

    /// <summary>
    /// What every build of the app must print, whatever its configuration, symbols or runtime. Mono 6.8 reads no
    /// embedded PDB for stack traces: there the unwoven build's trace has no line either ("?:0"), and so must the woven one's.
    /// </summary>
    public static string ExpectedResult(string sources, bool monoWithEmbeddedPdb = false) =>
        "RESULT total=98 evens=0,2,4,6 described=n=5 thrown=" +
        (monoWithEmbeddedPdb ? "?:0" : $"Shapes.cs:{SourceMarkers.LineOf(Path.Combine(sources, "Lib", "Shapes.cs"), "lib-throw")}");
}
