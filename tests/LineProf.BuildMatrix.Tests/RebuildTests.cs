using System.Security.Cryptography;
using LineProf.Testing;

namespace LineProf.BuildMatrix.Tests;

/// <summary>
/// Building again: an unchanged project is not woven again; an assembly already woven is left as it is, quietly
/// enough for a warnings-as-errors build; and the compiler's same output woven again gives the same bytes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RebuildTests
{
    private Sandbox _sandbox = null!;
    private string[] _build = null!;

    [OneTimeSetUp]
    public void BuildOnce()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("rebuild");
        _sandbox.CopyFromRepository("tests/Apps/Matrix/Lib", "lib");
        _build = ["-c", "Release", "-warnaserror", $"-p:LineProfVersion={Repository.Version}"];
        var first = _sandbox.Build("lib/Lib.csproj", _build);
        Assert.That(first.Output, Does.Contain("LineProf wove Lib.dll"));
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    private string Woven => _sandbox.PathOf("lib", "obj", "Release", "netstandard2.0", "Lib.dll");

    [Test]
    public void An_unchanged_project_is_not_woven_again()
    {
        var before = Snapshot();
        var again = _sandbox.Build("lib/Lib.csproj", _build);
        Assert.Multiple(() =>
        {
            Assert.That(again.Output, Does.Not.Contain("LineProf wove"));
            Assert.That(Snapshot(), Is.EqualTo(before), "the woven assembly and its PDB were not touched");
        });
    }

    [Test]
    public void Weaving_a_woven_assembly_changes_nothing_and_says_so_only_in_detailed_output()
    {
        // Without the marker the targets run the weaver again, as after an interrupted build: it must recognise its work.
        File.Delete(Woven + ".lineprof");
        var before = Snapshot();
        var again = _sandbox.Build("lib/Lib.csproj", [.. _build, "-v:detailed"]);
        Assert.Multiple(() =>
        {
            Assert.That(again.Output, Does.Contain("LP0002"), "it says so at detailed verbosity");
            Assert.That(again.Output, Does.Not.Contain("warning LP").And.Not.Contain("error LP"));
            Assert.That(Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public void The_same_compiler_output_woven_again_gives_the_same_bytes()
    {
        var before = Snapshot();
        var rebuilt = _sandbox.Build("lib/Lib.csproj", [.. _build, "--no-incremental"]);
        Assert.Multiple(() =>
        {
            Assert.That(rebuilt.Output, Does.Contain("LineProf wove Lib.dll"), "compiled and woven anew");
            Assert.That(Snapshot().Values, Is.EqualTo(before.Values), "deterministic compiler, deterministic weaver");
        });
    }

    /// <summary>The woven assembly and PDB in obj/: their bytes and when they were written.</summary>
    private Dictionary<string, string> Snapshot() =>
        new[] { Woven, Path.ChangeExtension(Woven, ".pdb") }.ToDictionary(
            f => Path.GetFileName(f) + "@" + File.GetLastWriteTimeUtc(f).Ticks,
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
