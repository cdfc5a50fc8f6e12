using LineProf.Testing;

namespace LineProf.BuildMatrix.Tests;

/// <summary>
/// One library (netstandard2.0) and one app (net48, net8.0, net10.0), both with LineProfile on, built through the
/// packed package in Debug with PDB files and in Release with embedded PDBs; each woven build runs on its runtime
/// (Mono for .NET Framework) and must compute the same, throw from the same line and count its lines exactly.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TargetMatrixTests
{
    private static readonly string[] s_frameworks = ["net48", "net8.0", "net10.0"];

    private Sandbox _sandbox = null!;

    [OneTimeSetUp]
    public void CreateSandbox()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("target-matrix");
        _sandbox.CopyFromRepository("tests/Apps/Matrix", "matrix");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [TestCase("Debug", "portable")]
    [TestCase("Release", "embedded")]
    public void Every_target_framework_builds_woven_and_runs_it_unchanged(string configuration, string debugType)
    {
        var build = _sandbox.Build("matrix/App/App.csproj", "-c", configuration, $"-p:DebugType={debugType}", "-warnaserror",
            $"-p:LineProfVersion={Repository.Version}");
        int loopLine = SourceMarkers.LineOf(_sandbox.PathOf("matrix", "App", "Program.cs"), "app-loop");
        int libLoopLine = SourceMarkers.LineOf(_sandbox.PathOf("matrix", "Lib", "Shapes.cs"), "lib-loop");

        Assert.Multiple(() =>
        {
            Assert.That(build.Output, Does.Contain("LineProf wove Lib.dll"));
            Assert.That(CountOf(build.Output, "LineProf wove App"), Is.EqualTo(s_frameworks.Length), "the app is woven once per target framework");

            var library = _sandbox.PathOf("matrix", "Lib", "bin", configuration, "netstandard2.0", "Lib.dll");
            Assert.That(Assemblies.IsWoven(library), Is.True, "netstandard2.0 library woven");
            AssertSymbolForm(library, debugType);

            foreach (var framework in s_frameworks)
            {
                var folder = _sandbox.PathOf("matrix", "App", "bin", configuration, framework);
                var app = Path.Combine(folder, framework == "net48" ? "App.exe" : "App.dll");
                Assert.That(Assemblies.IsWoven(app), Is.True, $"{framework} app woven");
                AssertSymbolForm(app, debugType);

                var run = MatrixRun.Of(framework, folder);
                var expected = MatrixRun.ExpectedResult(_sandbox.PathOf("matrix"), monoWithEmbeddedPdb: framework == "net48" && debugType == "embedded");
                Assert.That(run.Result, Is.EqualTo(expected), $"{framework}: same results, exception thrown from the same line\n{run.Process.Output}");
                Assert.That(run.Hits.GetValueOrDefault($"Program.cs:{loopLine}"), Is.EqualTo(7), $"{framework}: the app's loop body ran 7 times");
                Assert.That(run.Hits.GetValueOrDefault($"Shapes.cs:{libLoopLine}"), Is.EqualTo(21), $"{framework}: the library's loop body ran 21 times");
            }
        });
    }

    private static void AssertSymbolForm(string assembly, string debugType)
    {
        var pdb = Path.ChangeExtension(assembly, ".pdb");
        if (debugType == "embedded")
        {
            Assert.That(Assemblies.HasEmbeddedPdb(assembly), Is.True, $"{assembly}: the PDB stays embedded");
            Assert.That(File.Exists(pdb), Is.False, $"{assembly}: no PDB file appears beside it");
        }
        else
        {
            Assert.That(Assemblies.HasEmbeddedPdb(assembly), Is.False, $"{assembly}: the PDB is not embedded");
            Assert.That(File.Exists(pdb), Is.True, $"{assembly}: its PDB file is beside it");
        }
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
