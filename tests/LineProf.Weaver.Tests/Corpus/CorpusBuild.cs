namespace LineProf.Weaver.Tests.Corpus;

/// <summary>The construct corpus as the compiler built it in one configuration (copied beside the tests at build time).</summary>
public sealed class CorpusBuild
{
    public const string AssemblyName = "LineProf.Corpus";

    public static readonly CorpusBuild Debug = new("Debug");
    public static readonly CorpusBuild Release = new("Release");

    private CorpusBuild(string configuration)
    {
        Configuration = configuration;
        Folder = Path.Combine(AppContext.BaseDirectory, "corpus", configuration);
    }

    public string Configuration { get; }
    public string Folder { get; }
    public string AssemblyPath => Path.Combine(Folder, AssemblyName + ".dll");
    public string PdbPath => Path.Combine(Folder, AssemblyName + ".pdb");

    public static CorpusBuild Of(string configuration) => configuration == "Debug" ? Debug : Release;

    /// <summary>Copies the assembly and its PDB into <paramref name="folder"/>; returns the assembly's new path.</summary>
    public string CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var assembly = Path.Combine(folder, AssemblyName + ".dll");
        File.Copy(AssemblyPath, assembly, overwrite: true);
        File.Copy(PdbPath, Path.Combine(folder, AssemblyName + ".pdb"), overwrite: true);
        return assembly;
    }

    public override string ToString() => Configuration;
}
