using LineProf.Testing;

namespace LineProf.SystemWeb.Tests;

/// <summary>
/// What the LineProf.SystemWeb package does to the build of an SDK-style .NET Framework web project: with
/// LineProfile false, nothing at all; with it true, a woven assembly beside the runtime and the IHttpModule adapter.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SystemWebBuildTests
{
    private Sandbox _sandbox = null!;

    [SetUp]
    public void CreateSandbox()
    {
        Repository.RequirePackage("LineProf.SystemWeb");
        _sandbox = Sandbox.Create("classic-build");
        _sandbox.CopyFromRepository("tests/Apps/ClassicApp", "app");
    }

    [TearDown]
    public void DeleteSandbox() => _sandbox.Dispose();

    [Test]
    public void With_LineProfile_false_the_assembly_is_byte_identical_to_a_build_without_the_package_and_bin_has_no_LineProf()
    {
        _sandbox.Build("app/ClassicApp.csproj", "-c", "Release", "-p:WithoutLineProf=true");
        var without = File.ReadAllBytes(IntermediateAssembly());
        CleanOutputs();

        var build = _sandbox.Build("app/ClassicApp.csproj", "-c", "Release", "-p:LineProfile=false", $"-p:LineProfVersion={Repository.Version}");
        Assert.Multiple(() =>
        {
            Assert.That(build.Output, Does.Not.Contain("LP0"), "nothing was woven");
            Assert.That(File.ReadAllBytes(IntermediateAssembly()), Is.EqualTo(without));
            Assert.That(Directory.EnumerateFiles(_sandbox.PathOf("app", "bin"), "LineProf*"), Is.Empty,
                "an unprofiled build ships neither the runtime nor the module");
        });
    }

    [Test]
    public void With_LineProfile_true_the_app_references_the_module_and_the_runtime_and_defines_LINEPROF()
    {
        File.AppendAllText(_sandbox.PathOf("app", "Profiled.cs"), """
            #if LINEPROF
            namespace ClassicApp
            {
                internal static class Profiled
                {
                    // Compiles only if the build referenced the adapter: its public API is usable under #if LINEPROF.
                    internal static void AllowNobody() => LineProf.SystemWeb.LineProfilerLivePage.Authorize = context => false;
                }
            }
            #endif
            """);
        var build = _sandbox.Build("app/ClassicApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        var bin = _sandbox.PathOf("app", "bin");
        Assert.Multiple(() =>
        {
            Assert.That(build.Output, Does.Contain("LP0001"));
            Assert.That(Directory.EnumerateFiles(bin, "LineProf*.dll").Select(Path.GetFileName).Order(),
                Is.EqualTo(new[] { "LineProf.Runtime.dll", "LineProf.SystemWeb.dll" }));
        });
    }

    private string IntermediateAssembly() => _sandbox.PathOf("app", "obj", "Release", "ClassicApp.dll");

    /// <summary>So the second build compiles afresh rather than finding the first one's output up to date.</summary>
    private void CleanOutputs()
    {
        foreach (var folder in new[] { "bin", "obj" }) Directory.Delete(_sandbox.PathOf("app", folder), recursive: true);
    }
}
