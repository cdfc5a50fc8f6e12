using LineProf.Testing;

namespace LineProf.Fody.Tests;

/// <summary>
/// The Fody add-in and the LineProf package's MSBuild task are two shells over one weaver core, so the same input
/// must come out woven the same way. The same app is built once through each, in two folders whose paths the
/// compiler maps to one (PathMap), with the same exclusion; the line maps and the IL of every method must be equal.
/// Mapped paths also make both shells find each line's source text through the PathMap.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FodyAndMSBuildAgreeTests
{
    private Sandbox _sandbox = null!;
    private WovenAssembly _viaMSBuild = null!;
    private WovenAssembly _viaFody = null!;

    [OneTimeSetUp]
    public void BuildThroughBothShells()
    {
        Repository.RequirePackage("LineProf");
        Repository.RequirePackage("LineProf.Fody");
        _sandbox = Sandbox.Create("fody-vs-msbuild");
        foreach (var via in new[] { "msbuild", "fody" })
        {
            _sandbox.CopyFromRepository("tests/Apps/FodyApp", Path.Combine(via, "app"));
            _sandbox.CopyFromRepository("tests/Apps/Greeter", Path.Combine(via, "Greeter"));
        }

        _sandbox.Write("fody/app/FodyWeavers.xml", """<Weavers><LineProf Exclude="*.Unprofiled" /></Weavers>""");

        _sandbox.Build("msbuild/app/FodyApp.csproj", "-c", "Release", "-p:LineProfVia=MSBuild", "-p:LineProfile=true",
            "-p:LineProfileExclude=*.Unprofiled", PathMap("msbuild"), $"-p:LineProfVersion={Repository.Version}");
        _sandbox.Build("fody/app/FodyApp.csproj", "-c", "Release", "-p:LineProfVia=Fody",
            PathMap("fody"), $"-p:LineProfVersion={Repository.Version}");

        _viaMSBuild = new WovenAssembly(_sandbox.PathOf("msbuild", "app", "obj", "Release", "net10.0", "FodyApp.dll"));
        _viaFody = new WovenAssembly(_sandbox.PathOf("fody", "app", "obj", "Release", "net10.0", "FodyApp.dll"));
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        _viaMSBuild?.Dispose();
        _viaFody?.Dispose();
        _sandbox?.Dispose();
    }

    [Test]
    public void Both_shells_write_the_same_line_map_with_every_lines_source_read_through_the_PathMap()
    {
        var viaFody = _viaFody.LineMap;
        Assert.Multiple(() =>
        {
            Assert.That(viaFody, Has.Count.GreaterThan(20), "the app's lines were mapped");
            Assert.That(viaFody.Select(e => e.File).Distinct(), Is.EqualTo(new[] { "/src/app/Program.cs" }));
            Assert.That(viaFody.Where(e => e.Source.Length == 0).Select(e => e.Line), Is.Empty, "every line has its source text");
            Assert.That(_viaFody.LineMapBytes, Is.EqualTo(_viaMSBuild.LineMapBytes));
        });
    }

    [Test]
    public void Both_shells_emit_the_same_probes_into_the_same_IL()
    {
        var viaMSBuild = _viaMSBuild.MethodBodies();
        // Fody marks what it processed with a type of its own; everything else must match.
        var viaFody = _viaFody.MethodBodies(skipType: t => t.Name.EndsWith("_ProcessedByFody", StringComparison.Ordinal));

        var probes = _viaFody.ProbeCalls();
        Assert.Multiple(() =>
        {
            Assert.That(probes.GetValueOrDefault("Hit"), Is.GreaterThan(20), "the Fody build is woven");
            Assert.That(probes, Is.EqualTo(_viaMSBuild.ProbeCalls()));
            Assert.That(viaFody.Keys, Is.EqualTo(viaMSBuild.Keys), "the same methods");
            foreach (var (method, body) in viaMSBuild)
                Assert.That(viaFody.GetValueOrDefault(method), Is.EqualTo(body), method);
        });
    }

    /// <summary>Maps the folder of one build's sources to /src/, so both builds record the same document paths.</summary>
    private string PathMap(string via) => $"-p:PathMap={_sandbox.PathOf(via)}{Path.DirectorySeparatorChar}=/src/";
}
