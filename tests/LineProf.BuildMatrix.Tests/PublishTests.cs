using LineProf.Testing;

namespace LineProf.BuildMatrix.Tests;

/// <summary>dotnet publish carries the woven code, also compiled ahead of time (ReadyToRun), and it runs.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PublishTests
{
    private Sandbox _sandbox = null!;

    [OneTimeSetUp]
    public void CreateSandbox()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("publish");
        _sandbox.CopyFromRepository("tests/Apps/Matrix", "matrix");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [TestCase(false)]
    [TestCase(true)]
    public void A_published_app_carries_and_runs_the_woven_code(bool readyToRun)
    {
        var output = _sandbox.PathOf(readyToRun ? "published-r2r" : "published");
        string[] arguments = readyToRun ? ["-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"] : [];
        var publish = _sandbox.DotNet("matrix/App", ["publish", "App.csproj", "-nologo", "-c", "Release", "-f", "net10.0", "-o", output,
            $"-p:LineProfVersion={Repository.Version}", .. arguments]);
        Assert.That(publish.Succeeded, Is.True, publish.Output);

        var run = MatrixRun.Of("net10.0", output);
        int loopLine = SourceMarkers.LineOf(_sandbox.PathOf("matrix", "App", "Program.cs"), "app-loop");
        Assert.Multiple(() =>
        {
            foreach (var assembly in new[] { "App.dll", "Lib.dll" })
            {
                Assert.That(Assemblies.IsWoven(Path.Combine(output, assembly)), Is.True, assembly + " is the woven one");
                Assert.That(Assemblies.IsReadyToRun(Path.Combine(output, assembly)), Is.EqualTo(readyToRun), assembly + (readyToRun ? " is ReadyToRun" : " is IL only"));
            }

            Assert.That(File.Exists(Path.Combine(output, "LineProf.Runtime.dll")), Is.True, "the runtime is published with it");
            Assert.That(run.Result, Is.EqualTo(MatrixRun.ExpectedResult(_sandbox.PathOf("matrix"))));
            Assert.That(run.Hits.GetValueOrDefault($"Program.cs:{loopLine}"), Is.EqualTo(7));
        });
    }
}
