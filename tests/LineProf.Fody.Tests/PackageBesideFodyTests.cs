using System.Net;
using LineProf.Testing;

namespace LineProf.Fody.Tests;

/// <summary>
/// The LineProf package (LineProfile=true, no LineProf.Fody) in a project that also weaves with Fody: LineProf must
/// weave the compiler's code before Fody's weavers run, not the code they add (Costura's assembly loader, which runs
/// before LineProf.Runtime can be loaded and crashed the app when it was woven).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PackageBesideFodyTests
{
    [Test]
    public async Task The_package_weaves_before_Fodys_weavers_and_the_app_runs()
    {
        Repository.RequirePackage("LineProf");
        using var sandbox = Sandbox.Create("package-beside-costura");
        sandbox.CopyFromRepository("tests/Apps/FodyApp", "app");
        sandbox.CopyFromRepository("tests/Apps/Greeter", "Greeter");
        sandbox.Write("app/FodyWeavers.xml", "<Weavers><Costura /></Weavers>");
        sandbox.Build("app/FodyApp.csproj", "-c", "Release", "-p:LineProfVia=MSBuild", "-p:LineProfile=true",
            "-p:WithCostura=true", $"-p:LineProfVersion={Repository.Version}");

        using (var woven = new WovenAssembly(sandbox.PathOf("app", "obj", "Release", "net10.0", "FodyApp.dll")))
            Assert.That(woven.LineMap.Select(e => Path.GetFileName(e.File)).Distinct(), Is.EqualTo(new[] { "Program.cs" }),
                "only the compiler's code is woven, not Costura's loader");

        await using var app = await WebApp.StartAsync(sandbox.PathOf("app", "bin", "Release", "net10.0", "FodyApp.dll"));
        Assert.That((await app.GetAsync("/loop?n=5")).StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
    }
}
