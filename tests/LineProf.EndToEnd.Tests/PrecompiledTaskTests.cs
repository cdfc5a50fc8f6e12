using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// `dotnet build` on .NET 10 runs the weaver precompiled (ReadyToRun) for its platform, from tasks/net10.0-&lt;rid&gt;/,
/// so each build does not compile Mono.Cecil and the weaver anew; Visual Studio's MSBuild and other platforms run the
/// plain IL task of tasks/netstandard2.0/. Both must weave exactly the same bytes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PrecompiledTaskTests
{
    private static readonly string[] s_taskAssemblies = ["LineProf.MSBuild.dll", "LineProf.Weaver.dll", "Mono.Cecil.dll"];

    private Sandbox _sandbox = null!;

    [SetUp]
    public void CreateSandbox()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("precompiled-task");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
    }

    [TearDown]
    public void DeleteSandbox() => _sandbox.Dispose();

    [Test]
    public void Dotnet_build_uses_the_task_precompiled_for_its_platform()
    {
        var restored = _sandbox.DotNet("app", "restore", "ProofApp.csproj", $"-p:LineProfVersion={Repository.Version}");
        Assert.That(restored.Succeeded, restored.ToString());
        var evaluated = _sandbox.DotNet("app", "msbuild", "ProofApp.csproj", "-getProperty:LineProfTaskAssembly", "-p:LineProfile=true",
            $"-p:LineProfVersion={Repository.Version}");
        Assert.That(evaluated.Succeeded, evaluated.ToString());

        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win" : "osx";
        var rid = os + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var expected = Path.Combine(PackageFolder(), "tasks", "net10.0-" + rid, "LineProf.MSBuild.dll");
        Assert.That(Path.GetFullPath(evaluated.Output.Trim()), Is.EqualTo(expected));
    }

    [Test]
    public void Every_precompiled_task_is_ReadyToRun_code_beside_the_plain_IL_one()
    {
        var tasks = Path.Combine(PackageFolder(), "tasks");
        var platforms = Directory.EnumerateDirectories(tasks, "net10.0-*").Select(Path.GetFileName).ToList();
        Assert.That(platforms, Is.SupersetOf(new[] { "net10.0-linux-x64", "net10.0-win-x64" }));
        Assert.Multiple(() =>
        {
            foreach (var assembly in s_taskAssemblies)
            {
                Assert.That(IsReadyToRun(Path.Combine(tasks, "netstandard2.0", assembly)), Is.False, $"netstandard2.0/{assembly} is plain IL");
                foreach (var platform in platforms)
                    Assert.That(IsReadyToRun(Path.Combine(tasks, platform!, assembly)), Is.True, $"{platform}/{assembly} is precompiled");
            }
        });
    }

    [Test]
    public void The_precompiled_and_the_plain_IL_task_weave_the_same_bytes()
    {
        var precompiled = _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        Assert.That(precompiled.Output, Does.Contain("LP0001"));
        var precompiledBytes = WovenFiles();

        var il = Path.Combine(PackageFolder(), "tasks", "netstandard2.0", "LineProf.MSBuild.dll");
        var plain = _sandbox.Build("app/ProofApp.csproj", "-c", "Release", "--no-incremental", "-p:LineProfile=true",
            $"-p:LineProfVersion={Repository.Version}", $"-p:LineProfTaskAssembly={il}");
        Assert.That(plain.Output, Does.Contain("LP0001"));
        Assert.That(WovenFiles(), Is.EqualTo(precompiledBytes), "the same assembly and PDB, byte for byte");
    }

    private static string PackageFolder() => Path.Combine(Sandbox.PackageCache, "lineprof", Repository.Version);

    private byte[][] WovenFiles() =>
        [.. new[] { "ProofApp.dll", "ProofApp.pdb" }.Select(f => File.ReadAllBytes(_sandbox.PathOf("app", "obj", "Release", "net10.0", f)))];

    private static bool IsReadyToRun(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }
}
