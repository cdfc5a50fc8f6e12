using System.Runtime.CompilerServices;

namespace LineProf.Testing;

/// <summary>Where things are in this repository, found from the test's own location.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The version every LineProf package of this build carries.</summary>
    public static string Version { get; } = File.ReadAllText(Path.Combine(Root, "version.txt")).Trim();

    /// <summary>Where build/pack.sh writes the packages.</summary>
    public static string Packages => Path.Combine(Root, "artifacts", "packages");

    /// <summary>Fails with a clear message when the packages a test builds against were not packed.</summary>
    public static string RequirePackage(string id)
    {
        var path = Path.Combine(Packages, $"{id}.{Version}.nupkg");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} does not exist. Run build/pack.sh (build/test.sh does) before these tests.");
        return path;
    }

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "version.txt")) && File.Exists(Path.Combine(dir.FullName, "LineProf.sln")))
                    return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the LineProf repository root (version.txt beside LineProf.sln).");
    }
}
