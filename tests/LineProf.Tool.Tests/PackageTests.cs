using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

/// <summary>The LineProf.Tool package as users get it: installed with dotnet tool install, run through its shim.</summary>
public class PackageTests
{
    [Test]
    public void The_installed_tool_renders_the_page_the_runtime_writes()
    {
        Repository.RequirePackage("LineProf.Tool");
        using var sandbox = Sandbox.Create("tool-install");
        var install = sandbox.DotNet("", "tool", "install", "LineProf.Tool", "--version", Repository.Version,
            "--tool-path", sandbox.PathOf("tools"), "--configfile", sandbox.PathOf("nuget.config"));
        Assert.That(install.Succeeded, Is.True, install.ToString());

        var report = Reports.App();
        sandbox.Write("lineprof.json", ReportJson.Serialize(report));
        string lineprof = sandbox.PathOf("tools", OperatingSystem.IsWindows() ? "lineprof.exe" : "lineprof");
        var version = Lineprof.Start(lineprof, ["--version"], sandbox.Root);
        var render = Lineprof.Start(lineprof, ["render", "lineprof.json", "-o", "page.html"], sandbox.Root);

        Assert.Multiple(() =>
        {
            Assert.That(version.Output.Trim(), Is.EqualTo(Repository.Version), version.ToString());
            Assert.That(render.ExitCode, Is.Zero, render.ToString());
            Assert.That(File.ReadAllText(sandbox.PathOf("page.html")), Is.EqualTo(ReportHtml.Render(report)));
        });
    }
}
