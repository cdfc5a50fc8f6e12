using System.Diagnostics;
using LineProf.Testing;
using Mono.Cecil;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// Builds that race or die: two apps built at once by two processes that both weave their shared library, and a
/// build killed while LineProf writes. Neither may leave a half-woven assembly, or one whose PDB does not match it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BuildFaultTests
{
    [Test]
    public void Two_builds_weaving_one_shared_library_at_once_leave_it_woven_once_and_whole()
    {
        Repository.RequirePackage("LineProf");
        using var sandbox = Sandbox.Create("concurrent-builds");
        WriteLibrary(sandbox, "Shared", methods: 400);
        WriteApp(sandbox, "AppA");
        WriteApp(sandbox, "AppB");

        var builds = new[] { "AppA", "AppB" }.Select(app => Task.Run(() =>
            sandbox.DotNet(app, "build", "-nologo", $"-p:LineProfVersion={Repository.Version}"))).ToArray();
        Task.WaitAll(builds);
        foreach (var (build, app) in builds.Zip(new[] { "AppA", "AppB" }))
        {
            var result = build.Result;
            // The SDK does not support two builds of one project at once: its own steps (deps.json, *.Up2Date) can
            // collide on a file. Such a build is run again; a failure LineProf caused (an LP code) never is.
            if (!result.Succeeded && result.Output.Contains("being used by another process", StringComparison.Ordinal) &&
                !System.Text.RegularExpressions.Regex.IsMatch(result.Output, @"\bLP\d{4}\b.*(error|warning)|(error|warning) LP\d{4}"))
                result = sandbox.DotNet(app, "build", "-nologo", $"-p:LineProfVersion={Repository.Version}");
            Assert.That(result.Succeeded, Is.True, result.Output);
        }

        var shared = sandbox.PathOf("Shared", "obj", "Debug", "net10.0", "Shared.dll");
        AssertWovenOnceWithMatchingSymbols(shared);
        foreach (var app in new[] { "AppA", "AppB" })
            AssertWovenOnceWithMatchingSymbols(sandbox.PathOf(app, "bin", "Debug", "net10.0", "Shared.dll"));
        Assert.That(Directory.GetDirectories(Path.GetDirectoryName(shared)!, ".lineprof-*"), Is.Empty);
        foreach (var project in new[] { "Shared", "AppA", "AppB" })
            Assert.That(Directory.GetFiles(sandbox.PathOf(project, "obj"), "*.lineprof-lock", SearchOption.AllDirectories), Is.Empty,
                $"the weave lock leaves no file in {project}/obj");
    }

    [Test]
    public void A_build_killed_while_weaving_leaves_the_original_or_the_woven_assembly_and_the_next_build_recovers()
    {
        Repository.RequirePackage("LineProf");
        using var sandbox = Sandbox.Create("killed-build");
        WriteLibrary(sandbox, "Shared", methods: 4000);
        var obj = sandbox.PathOf("Shared", "obj", "Debug", "net10.0");
        var assembly = Path.Combine(obj, "Shared.dll");

        var info = ProcessRunner.Start("dotnet", ["build", "-nologo", $"-p:LineProfVersion={Repository.Version}"], sandbox.PathOf("Shared"));
        using (var build = Process.Start(info)!)
        {
            // Kill the build (MSBuild and its nodes) the moment LineProf starts staging its output.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!build.HasExited && DateTime.UtcNow < deadline &&
                   !(Directory.Exists(obj) && Directory.GetDirectories(obj, ".lineprof-*").Length > 0))
                Thread.Sleep(5);
            Assert.That(build.HasExited, Is.False, "the build got to weaving while the test watched");
            build.Kill(entireProcessTree: true);
            build.WaitForExit();
        }

        Assert.That(File.Exists(assembly), Is.True);
        using (var module = ModuleDefinition.ReadModule(assembly, new ReaderParameters { ReadSymbols = true, InMemory = true }))
            Assert.That(module.HasSymbols, Is.True, "the assembly and its PDB still belong together");

        var rebuild = sandbox.DotNet("Shared", "build", "-nologo", $"-p:LineProfVersion={Repository.Version}");
        Assert.That(rebuild.Succeeded, Is.True, rebuild.Output);
        AssertWovenOnceWithMatchingSymbols(assembly);
        Assert.That(Directory.GetDirectories(obj, ".lineprof-*"), Is.Empty, "the killed build's staging was cleaned up");
    }

    private static void AssertWovenOnceWithMatchingSymbols(string path)
    {
        using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { ReadSymbols = true, InMemory = true });
        Assert.Multiple(() =>
        {
            Assert.That(module.Types.Count(t => t.Name == ProbeContract.LineMapTypeName), Is.EqualTo(1), path);
            foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody && m.Name.StartsWith("Work", StringComparison.Ordinal)))
                Assert.That(method.Body.Instructions.Count(i => i.Operand is MethodReference { Name: "Enter" or "Resume" }), Is.EqualTo(1),
                    $"{method.FullName} has one entry probe in {path}");
        });
    }

    private static void WriteLibrary(Sandbox sandbox, string name, int methods)
    {
        sandbox.Write($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <LineProfile>true</LineProfile>
                <!-- Two builds of one library both write its deps.json, which the SDK opens exclusively; a library's is
                     unused, and without it the race left is the one under test: both weaving the assembly. -->
                <GenerateDependencyFile>false</GenerateDependencyFile>
              </PropertyGroup>
              <ItemGroup><PackageReference Include="LineProf" Version="$(LineProfVersion)" /></ItemGroup>
            </Project>
            """);
        var code = new System.Text.StringBuilder("namespace Shared;\npublic static class Library\n{\n");
        for (int i = 0; i < methods; i++)
            code.Append($"    public static int Work{i}(int x)\n    {{\n        int y = x * {i};\n        return y + 1;\n    }}\n");
        sandbox.Write($"{name}/Library.cs", code.Append("}\n").ToString());
    }

    private static void WriteApp(Sandbox sandbox, string name)
    {
        sandbox.Write($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <LineProfile>true</LineProfile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LineProf" Version="$(LineProfVersion)" />
                <ProjectReference Include="../Shared/Shared.csproj" />
              </ItemGroup>
            </Project>
            """);
        sandbox.Write($"{name}/Program.cs", "System.Console.WriteLine(Shared.Library.Work1(2));\n");
    }
}
