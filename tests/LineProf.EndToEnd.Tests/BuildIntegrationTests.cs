using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// What LineProfile=false and LineProfile=true do to a build, checked on one project in one folder (so the
/// compiler sees the same paths each time): off must leave the assembly byte for byte as it is without LineProf;
/// on must not move a single line in an exception's stack trace.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BuildIntegrationTests
{
    private Sandbox _sandbox = null!;

    [SetUp]
    public void CreateSandbox()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("build-integration");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
    }

    [TearDown]
    public void DeleteSandbox() => _sandbox.Dispose();

    [Test]
    public void With_LineProfile_false_the_assembly_is_byte_identical_to_a_build_without_the_package()
    {
        _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:WithoutLineProf=true");
        var without = File.ReadAllBytes(IntermediateAssembly());

        var build = _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=false", $"-p:LineProfVersion={Repository.Version}");
        Assert.Multiple(() =>
        {
            Assert.That(build.Output, Does.Not.Contain("LP0"), "nothing was woven");
            Assert.That(File.ReadAllBytes(IntermediateAssembly()), Is.EqualTo(without));
            Assert.That(File.Exists(_sandbox.PathOf("app", "bin", "Release", "net10.0", "LineProf.Runtime.dll")), Is.False,
                "an unprofiled build does not even ship the runtime");
        });
    }

    [Test]
    public async Task A_woven_assembly_reports_exceptions_at_the_same_file_and_line_as_the_unwoven_one()
    {
        _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=false", $"-p:LineProfVersion={Repository.Version}");
        var unwoven = await StackTraceFromApp();

        var build = _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        Assert.That(build.Output, Does.Contain("LP0001"));
        var woven = await StackTraceFromApp();

        int throwLine = SourceMarkers.LineOf(_sandbox.PathOf("app", "Program.cs"), "throw");
        Assert.Multiple(() =>
        {
            Assert.That(unwoven, Does.Contain($"Program.cs:line {throwLine}"), "the unwoven app names the throwing line");
            Assert.That(woven, Is.EqualTo(unwoven));
        });
    }

    [Test]
    public async Task An_app_with_controllers_switched_from_woven_to_unwoven_in_one_folder_starts_and_serves()
    {
        _sandbox.CopyFromRepository("tests/Apps/AsyncApp", "mvc");
        _sandbox.Build("mvc/AsyncApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        _sandbox.Build("mvc/AsyncApp.csproj", "-c", "Release", "-p:LineProfile=false", $"-p:LineProfVersion={Repository.Version}");

        // MVC's application-part discovery once kept [ApplicationPart("LineProf.AspNetCore")] from the woven build:
        // the unwoven app then failed at start-up, looking for an assembly its build no longer ships.
        await using var app = await WebApp.StartAsync(_sandbox.PathOf("mvc", "bin", "Release", "net10.0", "AsyncApp.dll"));
        var response = await app.GetAsync("/reports?n=3");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), app.Output);
        await app.StopAsync();
    }

    private string IntermediateAssembly() => _sandbox.PathOf("app", "obj", "Release", "net10.0", "ProofApp.dll");

    private async Task<string> StackTraceFromApp()
    {
        await using var app = await WebApp.StartAsync(_sandbox.PathOf("app", "bin", "Release", "net10.0", "ProofApp.dll"));
        var trace = await (await app.GetAsync("/stack")).Content.ReadAsStringAsync();
        await app.StopAsync();
        return trace;
    }
}
