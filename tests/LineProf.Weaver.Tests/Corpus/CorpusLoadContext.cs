using System.Reflection;
using System.Runtime.Loader;

namespace LineProf.Weaver.Tests.Corpus;

/// <summary>
/// A collectible context holding one copy of the corpus, so the original and the woven copy (same name) run side by
/// side. Everything else, LineProf.Runtime included, comes from the default context: the woven copy's probes count
/// into the very profiler the tests read.
/// </summary>
public sealed class CorpusLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    private CorpusLoadContext(string name, string folder)
        : base(name, isCollectible: true)
    {
        _folder = folder;
    }

    public static Assembly Load(string name, string assemblyPath)
    {
        var context = new CorpusLoadContext(name, Path.GetDirectoryName(assemblyPath)!);
        return context.LoadFromAssemblyPath(assemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var local = Path.Combine(_folder, assemblyName.Name + ".dll");
        return assemblyName.Name != "LineProf.Runtime" && File.Exists(local) ? LoadFromAssemblyPath(local) : null;
    }
}
