using System.Runtime.InteropServices;
using LineProf.Weaving;

namespace LineProf.Weaver.Tests;

/// <summary>Weaves files the way the MSBuild task does, against this process's LineProf.Runtime and framework.</summary>
public static class Weaving
{
    public static string RuntimePath => typeof(Probe).Assembly.Location;

    public static (WeaveResult Result, RecordingLog Log) Weave(string assemblyPath, string? keyFile = null, WeaveOptions? options = null)
    {
        var log = new RecordingLog();
        var request = new WeaveRequest(assemblyPath, RuntimePath)
        {
            ReferencePaths = FrameworkReferences(),
            StrongNameKeyFile = keyFile,
            Options = options ?? new WeaveOptions(),
        };
        return (new AssemblyWeaver(log).Weave(request), log);
    }

    /// <summary>What a net10.0 project compiles against, near enough: the shared framework's assemblies.</summary>
    private static List<string> FrameworkReferences() =>
        Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").ToList();
}

/// <summary>A fresh folder under the temp directory, removed when the test is done with it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lineprof-weaver-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left under the temp directory; nothing depends on it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
