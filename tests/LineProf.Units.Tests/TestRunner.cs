using System.Text.RegularExpressions;
using LineProf.Testing;

namespace LineProf.Units.Tests;

/// <summary>The test framework a generated test project is written for.</summary>
public enum TestFramework
{
    NUnit,
    Xunit,
}

/// <summary>
/// One way <c>dotnet test</c> runs a test project: its test framework, and the platform that hosts the tests. VSTest
/// runs them in its test host (testhost.dll) and kills it 100 ms after the run; on Microsoft.Testing.Platform the test
/// project is an executable that runs its tests itself and exits when they are done. Each writes its test project as
/// that framework's own template or documentation does, so the runs are the ones users have.
/// </summary>
public sealed class TestRunner
{
    /// <summary>
    /// Projects on Microsoft.Testing.Platform live in a folder whose global.json puts <c>dotnet test</c> in its
    /// Microsoft.Testing.Platform mode (.NET 10 SDK): in VSTest mode the platform refuses to run (xunit.v3 4.x).
    /// </summary>
    public const string TestingPlatformFolder = "mtp";

    public static readonly TestRunner NUnitOnVSTest = new("NUnit on VSTest", "NUnit", TestFramework.NUnit, onTestingPlatform: false, """
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
            <PackageReference Include="NUnit" Version="4.6.1" />
            <PackageReference Include="NUnit3TestAdapter" Version="6.3.1" />
        """);

    /// <summary>As <c>dotnet new xunit</c> (.NET 10 SDK) writes it.</summary>
    public static readonly TestRunner XunitV2OnVSTest = new("xUnit v2 on VSTest", "XunitV2", TestFramework.Xunit, onTestingPlatform: false, """
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.4" />
        """);

    /// <summary>xunit.v3 4.x: an executable on Microsoft.Testing.Platform v2, with no VSTest adapter.</summary>
    public static readonly TestRunner XunitV3OnTestingPlatform = new("xUnit v3 on Microsoft.Testing.Platform", "XunitV3", TestFramework.Xunit, onTestingPlatform: true, """
            <PackageReference Include="xunit.v3" Version="4.0.2" />
        """);

    /// <summary>NUnit's own Microsoft.Testing.Platform runner, which its adapter brings (EnableNUnitRunner).</summary>
    public static readonly TestRunner NUnitOnTestingPlatform = new("NUnit on Microsoft.Testing.Platform", "NUnitMtp", TestFramework.NUnit, onTestingPlatform: true, """
            <PackageReference Include="NUnit" Version="4.6.1" />
            <PackageReference Include="NUnit3TestAdapter" Version="6.3.1" />
        """, "<EnableNUnitRunner>true</EnableNUnitRunner>");

    private readonly string _packages;
    private readonly string _properties;

    private TestRunner(string name, string key, TestFramework framework, bool onTestingPlatform, string packages, string properties = "")
    {
        Name = name;
        Key = key;
        Framework = framework;
        OnTestingPlatform = onTestingPlatform;
        _packages = packages;
        _properties = properties;
    }

    public string Name { get; }

    /// <summary>A short name for this runner's test project.</summary>
    public string Key { get; }

    public TestFramework Framework { get; }

    public bool OnTestingPlatform { get; }

    /// <summary>The folder, under the sandbox, of this runner's test project named <paramref name="project"/>.</summary>
    public string Folder(string project) => OnTestingPlatform ? $"{TestingPlatformFolder}/{project}" : project;

    /// <summary>The global.json that puts <c>dotnet test</c> in its Microsoft.Testing.Platform mode, for <see cref="TestingPlatformFolder"/>.</summary>
    public static void WriteTestingPlatformGlobalJson(Sandbox sandbox) =>
        sandbox.Write($"{TestingPlatformFolder}/global.json", """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");

    /// <summary>The test project's file, referencing <paramref name="references"/> (paths from the sandbox's root) and extra packages.</summary>
    public string ProjectFile(IEnumerable<string> references, string extraPackages = "")
    {
        var up = OnTestingPlatform ? "../../" : "../";
        var projectReferences = string.Concat(references.Select(r => $"""    <ProjectReference Include="{up}{r}" />{"\n"}"""));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                {(OnTestingPlatform ? "<OutputType>Exe</OutputType>" : "")}
                {_properties}
              </PropertyGroup>
              <ItemGroup>
            {extraPackages}{_packages}
            {projectReferences}  </ItemGroup>
            </Project>
            """;
    }

    /// <summary>
    /// Runs the built test project in <paramref name="folder"/> with <c>dotnet test</c>, showing every test's output:
    /// under VSTest with the console logger's normal verbosity, on Microsoft.Testing.Platform with detailed output (it
    /// hides the test process's own output; what the test framework captured is shown with each test).
    /// </summary>
    public ProcessResult Run(Sandbox sandbox, string folder)
    {
        if (OnTestingPlatform)
            return ProcessRunner.Run("dotnet", ["test", "-c", "Release", "--no-build", "--output", "detailed", "--show-stdout", "All", "--no-ansi", "--no-progress"],
                sandbox.PathOf(folder));

        // The default VSTest runner: it kills the test host 100 ms after the session ends.
        var environment = new Dictionary<string, string?> { ["VSTEST_TESTHOST_SHUTDOWN_TIMEOUT"] = null };
        return ProcessRunner.Run("dotnet", ["test", "-c", "Release", "--no-build", "--logger", "console;verbosity=normal"],
            sandbox.PathOf(folder), environment);
    }

    /// <summary>Whether the run passed all of its <paramref name="tests"/> tests, as <c>dotnet test</c> sums them up.</summary>
    public static bool Passed(ProcessResult run, int tests) =>
        run.Succeeded && Regex.Matches(run.Output, @"^\s*(?:Passed|succeeded): (\d+)\s*$", RegexOptions.Multiline)
            .Any(m => m.Groups[1].Value == tests.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => Name;
}
