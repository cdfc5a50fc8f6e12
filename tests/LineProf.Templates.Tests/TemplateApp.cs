using System.Diagnostics;
using LineProf.Testing;

namespace LineProf.Templates.Tests;

/// <summary>
/// An app made by <c>dotnet new</c> from one of the SDK's installed templates (offline), as a new user would make
/// it, with a slow spot of tests/Apps/Templates laid over it and the packed LineProf package added; built once with
/// <c>LineProfile=true</c> for all the tests of a fixture.
/// </summary>
public sealed class TemplateApp : IDisposable
{
    private readonly Sandbox _sandbox;

    private TemplateApp(Sandbox sandbox, string name)
    {
        _sandbox = sandbox;
        Name = name;
    }

    /// <summary>The project's name, which is also its root namespace and assembly name.</summary>
    public string Name { get; }

    public string OutputFolder => _sandbox.PathOf("app", "bin", "Release", "net10.0");

    public string AssemblyPath => Path.Combine(OutputFolder, Name + ".dll");

    /// <summary>Where the app writes lineprof.json and lineprof.html: lineprof/ under its content root.</summary>
    public string ReportFolder => Path.Combine(OutputFolder, "lineprof");

    /// <summary>Runs <c>dotnet new <paramref name="template"/></c> and lays tests/Apps/Templates/<paramref name="overlay"/> over it.</summary>
    public static TemplateApp Create(string template, string name, string overlay, params string[] options)
    {
        Repository.RequirePackage("LineProf");
        var sandbox = Sandbox.Create("template-" + overlay);
        var app = new TemplateApp(sandbox, name);
        var created = sandbox.DotNet("", ["new", template, "-o", "app", "-n", name, "--no-restore", .. options]);
        if (!created.Succeeded) Assert.Fail($"dotnet new {template} failed:\n{created.Output}");
        sandbox.CopyFromRepository(Path.Combine("tests", "Apps", "Templates", overlay), "app");
        return app;
    }

    public string PathOf(string relativePath) => _sandbox.PathOf("app", relativePath);

    /// <summary>Changes the generated project file, failing if it no longer has <paramref name="text"/>.</summary>
    public void ReplaceInProject(string text, string replacement)
    {
        var project = PathOf(Name + ".csproj");
        var content = File.ReadAllText(project);
        if (!content.Contains(text, StringComparison.Ordinal)) Assert.Fail($"The {Name} template's project no longer has {text}:\n{content}");
        File.WriteAllText(project, content.Replace(text, replacement, StringComparison.Ordinal));
    }

    /// <summary>Adds LineProf (the packed build) and <paramref name="packages"/> ("Id/Version") to the project.</summary>
    public void AddPackages(params string[] packages)
    {
        var references = packages.Select(p => p.Split('/')).Select(p => $"""    <PackageReference Include="{p[0]}" Version="{p[1]}" />""");
        ReplaceInProject("</Project>", $"""
            <ItemGroup>
                <PackageReference Include="LineProf" Version="$(LineProfVersion)" />
            {string.Join("\n", references)}
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>Builds with LineProfile=true, logging how long it took: the matrix must keep the suite's time in bounds.</summary>
    public void Build()
    {
        var watch = Stopwatch.StartNew();
        _sandbox.Build($"app/{Name}.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        TestContext.Progress.WriteLine($"{Name}: built in {watch.Elapsed.TotalSeconds:F0} s");
    }

    public Task<WebApp> StartAsync() => WebApp.StartAsync(AssemblyPath);

    public void Dispose() => _sandbox.Dispose();
}
