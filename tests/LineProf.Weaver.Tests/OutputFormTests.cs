using System.Security.Cryptography;
using LineProf.Weaver.Tests.Corpus;
using LineProf.Weaving;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaver.Tests;

/// <summary>
/// What the woven files look like: the same bytes for the same input, untouched when already woven, and symbols in
/// the form they came in (an embedded PDB stays embedded, a PDB file stays a file).
/// </summary>
[NonParallelizable]
public sealed class OutputFormTests
{
    [TestCase("portable")]
    [TestCase("embedded")]
    public void The_same_input_woven_twice_gives_the_same_bytes(string symbols)
    {
        using var folder = new TempFolder("deterministic");
        var first = WeaveFresh(folder.Path, symbols);
        var second = WeaveFresh(folder.Path, symbols);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first.Keys, Is.EquivalentTo(symbols == "portable" ? new[] { "LineProf.Corpus.dll", "LineProf.Corpus.pdb" } : new[] { "LineProf.Corpus.dll" }));
        });
    }

    [TestCase("portable")]
    [TestCase("embedded")]
    public void Weaving_a_woven_assembly_changes_nothing_and_says_so_quietly(string symbols)
    {
        using var folder = new TempFolder("idempotent");
        var woven = WeaveFresh(folder.Path, symbols);
        var times = Directory.EnumerateFiles(folder.Path).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var (result, log) = Weaving.Weave(Path.Combine(folder.Path, "LineProf.Corpus.dll"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.AlreadyWoven));
            Assert.That(log.Problems, Is.Empty, "no warning: a warning would fail a build that treats warnings as errors");
            Assert.That(log.Single("LP0002").Level, Is.EqualTo(WeaveMessageLevel.Detail));
            Assert.That(Hashes(folder.Path), Is.EqualTo(woven));
            Assert.That(Directory.EnumerateFiles(folder.Path).ToDictionary(f => f, File.GetLastWriteTimeUtc), Is.EqualTo(times), "not even rewritten");
        });
    }

    [TestCase("portable")]
    [TestCase("embedded")]
    public void The_woven_assembly_names_the_pdb_its_compiler_named(string symbols)
    {
        using var folder = new TempFolder("pdb-path");
        var assembly = symbols == "portable" ? CorpusBuild.Release.CopyTo(folder.Path) : WithEmbeddedPdb(folder.Path);
        var (path, id) = CodeView(assembly);
        Assert.That(Weaving.Weave(assembly).Result.Outcome, Is.EqualTo(WeaveOutcome.Woven));
        var (wovenPath, wovenId) = CodeView(assembly);

        Assert.Multiple(() =>
        {
            Assert.That(wovenPath, Is.EqualTo(path), "the path debuggers and symbol servers are told");
            Assert.That(wovenId, Is.Not.EqualTo(id), "the woven PDB is a new PDB, with its own id");
        });
    }

    [Test]
    public void An_embedded_pdb_stays_embedded_and_still_gives_stack_traces_their_lines()
    {
        using var folder = new TempFolder("embedded");
        var originalFolder = Path.Combine(folder.Path, "original");
        var wovenFolder = Path.Combine(folder.Path, "woven");
        var original = WithEmbeddedPdb(originalFolder);
        WithEmbeddedPdb(wovenFolder);
        var woven = Path.Combine(wovenFolder, "LineProf.Corpus.dll");
        Assert.That(Weaving.Weave(woven).Result.Outcome, Is.EqualTo(WeaveOutcome.Woven));

        using (var module = ModuleDefinition.ReadModule(woven, new ReaderParameters { ReadSymbols = true }))
        {
            Assert.Multiple(() =>
            {
                Assert.That(module.GetDebugHeader().Entries.Select(e => e.Directory.Type), Does.Contain(ImageDebugType.EmbeddedPortablePdb));
                Assert.That(module.GetTypes().SelectMany(t => t.Methods).Count(m => m.DebugInformation.HasSequencePoints), Is.GreaterThan(200));
                Assert.That(Directory.EnumerateFiles(wovenFolder).Select(Path.GetFileName), Is.EqualTo(new[] { "LineProf.Corpus.dll" }), "no PDB file appeared");
            });
        }

        var escaping = CorpusCase.All(CorpusLoadContext.Load("embedded-original", original)).First(c => c.MethodName == "EscapingException" && c.ToString().Contains("(3", StringComparison.Ordinal));
        var expected = CaseRunner.RunAsync(CorpusLoadContext.Load("embedded-original-run", original), escaping).GetAwaiter().GetResult();
        var actual = CaseRunner.RunAsync(CorpusLoadContext.Load("embedded-woven", woven), escaping).GetAwaiter().GetResult();
        Assert.Multiple(() =>
        {
            Assert.That(expected.Frames, Is.Not.Empty.And.All.Not.EndsWith(" in ?"), "the embedded PDB gives the original's trace its lines");
            Assert.That(actual.Frames[0], Is.EqualTo(expected.Frames[0]));
        });
    }

    /// <summary>The PDB path and id an assembly's CodeView entry records, read without Cecil.</summary>
    private static (string Path, Guid Id) CodeView(string assembly)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        var entry = pe.ReadDebugDirectory().Single(e => e.Type == System.Reflection.PortableExecutable.DebugDirectoryEntryType.CodeView);
        var codeView = pe.ReadCodeViewDebugDirectoryData(entry);
        return (codeView.Path, codeView.Guid);
    }

    /// <summary>A copy of the Release corpus with its PDB embedded, as DebugType embedded builds it.</summary>
    private static string WithEmbeddedPdb(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "LineProf.Corpus.dll");
        using var module = ModuleDefinition.ReadModule(CorpusBuild.Release.AssemblyPath, new ReaderParameters { ReadSymbols = true });
        module.Write(path, new WriterParameters { WriteSymbols = true, SymbolWriterProvider = new EmbeddedPortablePdbWriterProvider(), DeterministicMvid = true });
        return path;
    }

    /// <summary>Puts a fresh copy of the corpus in <paramref name="folder"/> (replacing what was there), weaves it, and returns its files' hashes.</summary>
    private static Dictionary<string, string> WeaveFresh(string folder, string symbols)
    {
        foreach (var file in Directory.EnumerateFiles(folder)) File.Delete(file);
        var assembly = symbols == "portable" ? CorpusBuild.Release.CopyTo(folder) : WithEmbeddedPdb(folder);
        var (result, log) = Weaving.Weave(assembly);
        Assert.That(result.Outcome, Is.EqualTo(WeaveOutcome.Woven), log.ToString());
        return Hashes(folder);
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
