using System.Security.Cryptography;

namespace LineProf.Testing;

/// <summary>
/// A folder outside the repository where a test writes a real project and builds it with the real dotnet CLI,
/// against the packages in artifacts/packages. It has its own nuget.config and blocks the repository's
/// Directory.Build.* files, so it builds the way a user's project would. Deleted when the test passes.
/// </summary>
public sealed class Sandbox : IDisposable
{
    // One base per checkout: worktrees pack different LineProf builds under the same version and must not share
    // (or clean) each other's package folder.
    private static readonly string s_base = Path.Combine(Path.GetTempPath(), "lineprof-tests",
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Repository.Root)))[..12]);
    private static readonly Lazy<string> s_packageCache = new(PreparePackageCache);

    private Sandbox(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{PackageCache}" /></config>
              <packageSources>
                <clear />
                <add key="lineprof" value="{Repository.Packages}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Build.targets", "<Project />");
        Write("Directory.Packages.props", "<Project />");
    }

    public string Root { get; }

    /// <summary>The NuGet packages folder sandboxes share; LineProf's own packages in it are refreshed when repacked.</summary>
    public static string PackageCache => s_packageCache.Value;

    public static Sandbox Create(string name) =>
        new(Path.Combine(s_base, $"{name}-{Guid.NewGuid().ToString("N")[..8]}"));

    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public void Write(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Writes a project file (<see cref="ProjectFile"/>) at <paramref name="relativePath"/>.</summary>
    public void Write(string relativePath, ProjectFile project) => Write(relativePath, project.ToString());

    /// <summary>Copies a folder of the repository (a test app) into the sandbox.</summary>
    public void CopyFromRepository(string repositoryFolder, string into = "")
    {
        var source = Repository.PathOf(repositoryFolder);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj")) continue;
            var target = PathOf(into, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Runs <c>dotnet</c> in the sandbox (or a folder of it).</summary>
    public ProcessResult DotNet(string workingFolder, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments, PathOf(workingFolder), timeout: TimeSpan.FromMinutes(5));

    /// <summary>Builds and fails the test, with the build's output, if the build fails.</summary>
    public ProcessResult Build(string project, params string[] arguments)
    {
        var result = DotNet(Path.GetDirectoryName(project) ?? "", ["build", Path.GetFileName(project), "-nologo", .. arguments]);
        if (!result.Succeeded) NUnit.Framework.Assert.Fail($"dotnet build {project} {string.Join(' ', arguments)} failed:\n{result.Output}");
        return result;
    }

    public void Dispose()
    {
        var outcome = NUnit.Framework.TestContext.CurrentContext.Result.Outcome.Status;
        if (outcome == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            NUnit.Framework.TestContext.Progress.WriteLine($"Sandbox kept for inspection: {Root}");
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process of the test may still hold a file; the folder is under the temp directory.
        }
    }

    /// <summary>
    /// One package folder for all sandboxes (restores stay fast), minus LineProf's own packages whenever
    /// artifacts/packages holds a different build of them: the version stays the same between local repacks.
    /// </summary>
    private static string PreparePackageCache()
    {
        var cache = Path.Combine(s_base, "nuget-packages");
        Directory.CreateDirectory(cache);
        var stamp = string.Join(",", Directory.EnumerateFiles(Repository.Packages, "*.nupkg").Order()
            .Select(p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))[..16]));

        using var exclusive = LockFile(Path.Combine(cache, ".lock"));
        var stampFile = Path.Combine(cache, "lineprof.stamp");
        if (!File.Exists(stampFile) || File.ReadAllText(stampFile) != stamp)
        {
            foreach (var dir in Directory.EnumerateDirectories(cache, "lineprof*")) Directory.Delete(dir, recursive: true);
            File.WriteAllText(stampFile, stamp);
        }

        return cache;
    }

    /// <summary>Test assemblies run in parallel processes; they take turns checking the stamp.</summary>
    private static FileStream LockFile(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
