using System.Net;
using LineProf.LineMaps;
using LineProf.Reporting;
using Mono.Cecil;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// A Razor Pages app made by the SDK's own template (<c>dotnet new webapp</c>), with a loop in its Index view, a
/// minimal-API lambda in its top-level statements and a source-generated regex, built through the packed package:
/// the view's lines are under its .cshtml file with their text, named by the view's path; the lambda is named by
/// <c>Program.Main</c> and its line; the generator's code is not woven.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RazorAppTests
{
    private const int Items = 7;

    private Sandbox _sandbox = null!;
    private ProfileReport _report = null!;

    [OneTimeSetUp]
    public async Task CreateBuildServeAndProfile()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("razor-app");
        var created = _sandbox.DotNet("", "new", "webapp", "-o", "app", "-n", "RazorApp", "--no-restore");
        Assert.That(created.Succeeded, Is.True, created.Output);

        var project = _sandbox.PathOf("app", "RazorApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>",
            $"""  <ItemGroup><PackageReference Include="LineProf" Version="{Repository.Version}" /></ItemGroup>""" + "\n</Project>"));
        var index = _sandbox.PathOf("app", "Pages", "Index.cshtml");
        File.AppendAllText(index, $$"""

            <ul>
            @for (var i = 0; i < {{Items}}; i++)
            {
                <li>@System.Math.Sqrt(i)</li>
            }
            </ul>

            """);
        var program = _sandbox.PathOf("app", "Program.cs");
        File.WriteAllText(program, File.ReadAllText(program).Replace("app.Run();", """
            app.MapGet("/hello/{name}", (string name) =>
            {
                return Names.Word().IsMatch(name) ? "hello " + name : "no";
            });

            app.Run();

            static partial class Names
            {
                [System.Text.RegularExpressions.GeneratedRegex("^[a-z]+$")]
                public static partial System.Text.RegularExpressions.Regex Word();
            }
            """));

        var build = _sandbox.Build("app/RazorApp.csproj", "-c", "Release", "-p:LineProfile=true");
        Assert.That(build.Output, Does.Contain("LP0001"), "the build log says what was woven");

        var bin = _sandbox.PathOf("app", "bin", "Release", "net10.0");
        await using var app = await WebApp.StartAsync(Path.Combine(bin, "RazorApp.dll"), contentRoot: _sandbox.PathOf("app"));
        Assert.That((await app.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await (await app.GetAsync("/hello/ada")).Content.ReadAsStringAsync(), Is.EqualTo("hello ada"));
        Assert.That(await app.StopAsync(), Is.Zero, app.Output);
        _report = ReportFile.Load(_sandbox.PathOf("app", "lineprof", "lineprof.json"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public void A_file_glob_excludes_a_folder_and_the_detailed_log_says_which_generated_code_was_left()
    {
        var build = _sandbox.Build("app/RazorApp.csproj", "-c", "Release", "--no-incremental", "-v:d", "-p:LineProfile=true", "-p:LineProfileExclude=Pages/**");
        var files = WovenFiles();
        var skipped = build.Output.Split('\n').FirstOrDefault(l => l.Contains("LP0109", StringComparison.Ordinal)) ?? "";
        Assert.Multiple(() =>
        {
            Assert.That(files.Where(f => f.Contains("/Pages/", StringComparison.Ordinal)), Is.Empty, "Pages/** left out: views and page models");
            Assert.That(files.Where(f => f.EndsWith("/Program.cs", StringComparison.Ordinal)), Is.Not.Empty);
            Assert.That(skipped, Does.Contain("RegexGenerator").And.Contain("LineProfileGeneratedCode"), "LP0109 in the detailed log");
        });
    }

    [Test]
    public void LineProfileGeneratedCode_weaves_the_generators_code_too()
    {
        _sandbox.Build("app/RazorApp.csproj", "-c", "Release", "--no-incremental", "-p:LineProfile=true", "-p:LineProfileGeneratedCode=true");
        Assert.That(WovenFiles().Where(f => f.Contains("RegexGenerator", StringComparison.Ordinal)), Is.Not.Empty);
    }

    /// <summary>The documents the line map of the woven obj/ assembly names, with forward slashes.</summary>
    private List<string> WovenFiles()
    {
        using var module = ModuleDefinition.ReadModule(_sandbox.PathOf("app", "obj", "Release", "net10.0", "RazorApp.dll"), new ReaderParameters { InMemory = true });
        var resource = module.Resources.OfType<EmbeddedResource>().Single(r => r.Name == ProbeContract.LineMapResource);
        return LineMapFormat.Read(new MemoryStream(resource.GetResourceData())).Select(e => e.File.Replace('\\', '/')).Distinct().ToList();
    }

    [Test]
    public void A_views_lines_are_under_its_cshtml_file_with_their_text_and_named_by_its_path()
    {
        var request = _report.Requests.Single(r => r.Path == "/");
        var view = _report.Lines.Where(l => l.File.EndsWith("Pages/Index.cshtml", StringComparison.Ordinal)).ToList();
        var loop = view.SingleOrDefault(l => l.Source.Contains("@System.Math.Sqrt(i)", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(loop, Is.Not.Null, "the loop body's line: " + string.Join("\n", view.Select(l => $"{l.Line} {l.Method}: {l.Source}")));
            Assert.That(loop?.Hits, Is.EqualTo(Items));
            Assert.That(view.Select(l => l.Method).Distinct(), Is.EqualTo(new[] { "Pages/Index.cshtml" }), "named by the view, not Pages_Index.ExecuteAsync");
            Assert.That(request.Lines.Where(l => l.File.EndsWith("Pages/Index.cshtml", StringComparison.Ordinal)), Is.Not.Empty);
            Assert.That(_report.Lines.Where(l => l.Method.Contains("ExecuteAsync") || l.Method.Contains("Pages_Index")), Is.Empty);
        });
    }

    [Test]
    public void A_lambda_in_top_level_statements_is_named_by_program_main_and_its_line_and_generated_code_is_left_out()
    {
        var request = _report.Requests.Single(r => r.Path == "/hello/ada");
        var lines = File.ReadAllLines(_sandbox.PathOf("app", "Program.cs"));
        int body = Array.FindIndex(lines, l => l.Contains("return Names.Word()", StringComparison.Ordinal)) + 1;
        var line = request.Lines.Single(l => l.Line == body && l.File.EndsWith("Program.cs", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(line.Method, Is.EqualTo($"Program.Main lambda@{body}"), "the lambda's first line with code (a Release build has none on its brace)");
            Assert.That(_report.Lines.Concat(_report.OutsideRequests.Lines).Where(l => l.Method.Contains("<Main>$")), Is.Empty);
            Assert.That(request.Lines.Where(l => !l.File.EndsWith("Program.cs", StringComparison.Ordinal)), Is.Empty,
                "the regex generator's code under obj/ is not woven: " + string.Join(", ", request.Lines.Select(l => l.File).Distinct()));
        });
    }
}
