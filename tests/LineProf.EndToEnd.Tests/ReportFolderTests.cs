using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// The report folder that <c>dotnet run</c> leaves under the project (lineprof/) is output, never input: the Web
/// SDK's <c>**/*.json</c> content glob must not copy it into bin/ or publish output, nor <c>dotnet watch</c> watch
/// it, whether LineProfile is on or off.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReportFolderTests
{
    private Sandbox _sandbox = null!;

    [SetUp]
    public void CreateSandbox()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("report-folder");
        _sandbox.CopyFromRepository("tests/Apps/ProofApp", "app");
        _sandbox.Write("app/lineprof/lineprof.json", "{ \"requests\": [\"/orders/42?secret=1\"] }");
        _sandbox.Write("app/lineprof/lineprof.html", "<!doctype html>");
    }

    [TearDown]
    public void DeleteSandbox() => _sandbox.Dispose();

    [Test]
    public void Without_LineProf_the_Web_SDK_ships_the_report_which_is_what_this_fixture_guards_against()
    {
        _sandbox.Build("app/ProofApp.csproj", "-p:WithoutLineProf=true");
        Assert.That(ReportFilesUnder("app/bin"), Is.Not.Empty, "the test's premise: the content glob picks lineprof.json up");
    }

    [TestCase("false")]
    [TestCase("true")]
    public void The_report_is_in_neither_bin_nor_publish_output(string lineProfile)
    {
        string[] properties = [$"-p:LineProfile={lineProfile}", $"-p:LineProfVersion={Repository.Version}"];
        _sandbox.Build("app/ProofApp.csproj", properties);
        var publish = _sandbox.DotNet("app", ["publish", "ProofApp.csproj", "-nologo", "-o", _sandbox.PathOf("publish"), .. properties]);
        Assert.That(publish.Succeeded, Is.True, publish.Output);

        Assert.Multiple(() =>
        {
            Assert.That(ReportFilesUnder("app/bin"), Is.Empty, "bin/");
            Assert.That(ReportFilesUnder("publish"), Is.Empty, "publish output");
            Assert.That(File.Exists(_sandbox.PathOf("publish", "ProofApp.dll")), Is.True, "the publish itself happened");
        });
    }

    [TestCase("false")]
    [TestCase("true")]
    public void No_item_dotnet_watch_watches_or_copies_names_the_report(string lineProfile)
    {
        var restore = _sandbox.DotNet("app", "restore", "ProofApp.csproj", $"-p:LineProfVersion={Repository.Version}");
        Assert.That(restore.Succeeded, Is.True, restore.Output);
        var items = _sandbox.DotNet("app", "msbuild", "ProofApp.csproj", "-nologo", $"-p:LineProfile={lineProfile}",
            $"-p:LineProfVersion={Repository.Version}", "-getItem:Content", "-getItem:None", "-getItem:Compile",
            "-getItem:EmbeddedResource", "-getItem:Watch");
        Assert.That(items.Succeeded, Is.True, items.Output);
        Assert.That(items.Output, Does.Contain("Program.cs"), "the items were listed");
        Assert.That(items.Output, Does.Not.Contain("lineprof.json").And.Not.Contain("lineprof.html"));
    }

    private string[] ReportFilesUnder(string folder) =>
        Directory.Exists(_sandbox.PathOf(folder))
            ? Directory.GetFiles(_sandbox.PathOf(folder), "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) is "lineprof.json" or "lineprof.html").ToArray()
            : [];
}
