using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// A solution with Central Package Management (<c>ManagePackageVersionsCentrally</c>), as many real ones have: the
/// README's plain <c>PackageReference</c> with a <c>Version</c> fails there (NU1008), so the README shows the two forms
/// CPM accepts, and each must restore, build and weave.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CentralPackageManagementTests
{
    private const string Program = """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/", () => "hello");
        app.Run();
        """;

    [TestCase("PackageVersion", TestName = "The_version_in_Directory_Packages_props_and_none_on_the_reference_builds_woven")]
    [TestCase("VersionOverride", TestName = "A_VersionOverride_on_the_reference_builds_woven")]
    public void The_READMEs_form_builds_woven(string form)
    {
        using var sandbox = CreateSolution(
            packageVersion: form == "PackageVersion" ? $"""<PackageVersion Include="LineProf" Version="{Repository.Version}" />""" : "",
            reference: form == "PackageVersion" ? """<PackageReference Include="LineProf" />""" : $"""<PackageReference Include="LineProf" VersionOverride="{Repository.Version}" />""");

        var build = sandbox.Build("app/App.csproj", "-c", "Release", "-p:LineProfile=true");

        Assert.That(build.Output, Does.Contain("LP0001"), "LineProf wove the app");
    }

    [Test]
    public void The_plain_reference_with_a_version_is_refused_which_is_why_the_README_shows_the_other_forms()
    {
        using var sandbox = CreateSolution(packageVersion: "", reference: $"""<PackageReference Include="LineProf" Version="{Repository.Version}" />""");

        var build = sandbox.DotNet("app", "build", "App.csproj", "-nologo", "-c", "Release", "-p:LineProfile=true");

        Assert.Multiple(() =>
        {
            Assert.That(build.Succeeded, Is.False);
            Assert.That(build.Output, Does.Contain("NU1008"));
        });
    }

    private static Sandbox CreateSolution(string packageVersion, string reference)
    {
        Repository.RequirePackage("LineProf");
        var sandbox = Sandbox.Create("central-packages");
        sandbox.Write("Directory.Packages.props", $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                {packageVersion}
              </ItemGroup>
            </Project>
            """);
        sandbox.Write("app/App.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                {reference}
              </ItemGroup>
            </Project>
            """);
        sandbox.Write("app/Program.cs", Program);
        return sandbox;
    }
}
