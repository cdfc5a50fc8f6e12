using System.Runtime.InteropServices;
using LineProf.Weaving;
using LineProf.Testing;

namespace LineProf.Weaver.Tests;

/// <summary>Weaves files the way the MSBuild task does, against this process's LineProf.Runtime and framework.</summary>
public static class Weaving
{
    public static string RuntimePath => typeof(Probe).Assembly.Location;

    /// <summary>
    /// The PathMap of a deterministic build of this repository (build/pack.sh sets ContinuousIntegrationBuild, and the
    /// SDK then records sources under /_/), passed as the MSBuild task passes $(PathMap), so the weaver finds the
    /// corpus's source files either way.
    /// </summary>
    public static string RepositoryPathMap => Repository.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar + "=/_/";

    /// <summary>A document path as the corpus's PDB records it, in the form of this checkout's file system.</summary>
    public static string Unmapped(string recorded) =>
        recorded.StartsWith("/_/", StringComparison.Ordinal) ? Path.Combine(Repository.Root, recorded[3..]) : recorded;

    public static (WeaveResult Result, RecordingLog Log) Weave(string assemblyPath, string? keyFile = null, WeaveOptions? options = null)
    {
        var log = new RecordingLog();
        var request = new WeaveRequest(assemblyPath, RuntimePath)
        {
            ReferencePaths = FrameworkReferences(),
            StrongNameKeyFile = keyFile,
            Options = options ?? new WeaveOptions(),
        };
        request.Options.PathMap ??= RepositoryPathMap;
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
