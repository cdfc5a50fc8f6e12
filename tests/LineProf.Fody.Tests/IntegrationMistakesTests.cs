using System.Text.RegularExpressions;
using LineProf.Testing;

namespace LineProf.Fody.Tests;

/// <summary>
/// Set-ups a user can get wrong, each reported with an LP code rather than silently ignored: turning on both
/// LineProf integrations at once, and misspelling a setting of &lt;LineProf /&gt;. One console project that
/// references both the LineProf package and LineProf.Fody, built the ways that matter, in order.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class IntegrationMistakesTests
{
    private Sandbox _sandbox = null!;

    [OneTimeSetUp]
    public void WriteProject()
    {
        Repository.RequirePackage("LineProf");
        Repository.RequirePackage("LineProf.Fody");
        _sandbox = Sandbox.Create("fody-mistakes");
        _sandbox.Write("app/Both.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Fody" Version="6.9.3" PrivateAssets="all" />
                <PackageReference Include="LineProf.Fody" Version="{Repository.Version}" />
                <PackageReference Include="LineProf" Version="{Repository.Version}" />
              </ItemGroup>
            </Project>
            """);
        _sandbox.Write("app/Program.cs", "System.Console.WriteLine(\"both\");\n");
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    [Order(1)]
    public void LineProfile_true_beside_LineProf_Fody_fails_with_LP0401_before_anything_is_woven()
    {
        WeaversXml("<LineProf />");
        var build = _sandbox.DotNet("app", "build", "-nologo", "-p:LineProfile=true");
        Assert.Multiple(() =>
        {
            Assert.That(build.Succeeded, Is.False, build.Output);
            Assert.That(build.Output, Does.Contain("error LP0401: LineProf would weave this project twice"));
            Assert.That(build.Output, Does.Not.Contain("LP0001"), "neither integration wove it");
            Assert.That(File.Exists(_sandbox.PathOf("app", "obj", "Debug", "net10.0", "Both.dll")), Is.False, "it stopped before compiling");
        });
    }

    [Test]
    [Order(2)]
    public void A_misspelt_attribute_of_LineProf_fails_with_LP0403()
    {
        WeaversXml("""<LineProf Exlude="*.Main" />""");
        var build = _sandbox.DotNet("app", "build", "-nologo");
        Assert.Multiple(() =>
        {
            Assert.That(build.Succeeded, Is.False, build.Output);
            Assert.That(build.Output, Does.Contain("Fody/LineProf: LP0403: <LineProf /> in FodyWeavers.xml has Exlude"));
        });
    }

    [Test]
    [Order(3)]
    public void With_LineProfile_unset_the_same_project_is_woven_once_by_Fody()
    {
        WeaversXml("<LineProf />");
        var build = _sandbox.Build("app/Both.csproj");
        Assert.Multiple(() =>
        {
            Assert.That(build.Output, Does.Not.Contain("LP0401"));
            Assert.That(WovenMessage().Matches(build.Output), Has.Count.EqualTo(1), build.Output);
            Assert.That(build.Output, Does.Contain("Fody/LineProf: LP0001"));
        });
    }

    private void WeaversXml(string weavers) => _sandbox.Write("app/FodyWeavers.xml", $"<Weavers>{weavers}</Weavers>");

    [GeneratedRegex("LP0001: LineProf wove Both.dll")]
    private static partial Regex WovenMessage();
}
