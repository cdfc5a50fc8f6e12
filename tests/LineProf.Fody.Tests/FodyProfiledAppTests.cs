using System.Net;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Fody.Tests;

/// <summary>
/// LineProf.Fody as a Fody user meets it: a web app referencing Fody, LineProf.Fody and Costura.Fody, with
/// <c>&lt;Costura /&gt;&lt;LineProf Exclude="..." /&gt;</c> in FodyWeavers.xml (Costura first, the harder order: its loader
/// is already in the module when LineProf weaves), is built with dotnet build, served, sent requests, stopped and
/// its report read. Costura embeds the app's own library and LineProf's runtime, so the app also proves the runtime
/// works when loaded through Costura.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FodyProfiledAppTests
{
    private const int LoopCount = 37;

    private Sandbox _sandbox = null!;
    private string _program = null!;
    private string _bin = null!;
    private string _buildOutput = null!;
    private string _greeting = null!;
    private string _unprofiledAnswer = null!;
    private ProfileReport _report = null!;

    [OneTimeSetUp]
    public async Task BuildServeAndProfile()
    {
        Repository.RequirePackage("LineProf.Fody");
        _sandbox = Sandbox.Create("fody-app");
        _sandbox.CopyFromRepository("tests/Apps/FodyApp", "app");
        _sandbox.CopyFromRepository("tests/Apps/Greeter", "Greeter");
        _sandbox.Write("app/FodyWeavers.xml", """
            <Weavers>
              <Costura />
              <LineProf Exclude="*.Unprofiled" />
            </Weavers>
            """);
        _program = _sandbox.PathOf("app", "Program.cs");
        _bin = _sandbox.PathOf("app", "bin", "Release", "net10.0");

        _buildOutput = _sandbox.Build("app/FodyApp.csproj", "-c", "Release", "-p:WithCostura=true", $"-p:LineProfVersion={Repository.Version}").Output;

        await using var app = await WebApp.StartAsync(Path.Combine(_bin, "FodyApp.dll"));
        Assert.That((await app.GetAsync($"/loop?n={LoopCount}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await app.GetAsync("/sleep")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _greeting = await (await app.GetAsync("/greet")).Content.ReadAsStringAsync();
        _unprofiledAnswer = await (await app.GetAsync("/unprofiled")).Content.ReadAsStringAsync();
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);

        _report = ReportFile.Read(Path.Combine(_bin, "lineprof", "lineprof.json"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public void The_report_holds_every_invariant() =>
        ReportInvariants.Check(_report, File.ReadAllText(Path.Combine(_bin, "lineprof", "lineprof.html")));

    [Test]
    public void The_build_log_carries_LineProfs_message_through_Fody_with_its_code()
    {
        Assert.That(_buildOutput, Does.Match(@"Fody/LineProf: LP0001: LineProf wove FodyApp\.dll: \d+ lines in \d+ methods"));
    }

    [Test]
    public void A_loop_body_run_n_times_has_exactly_n_hits_and_so_does_the_line_it_calls()
    {
        var request = Request("/loop");
        Assert.Multiple(() =>
        {
            Assert.That(Line(request, "loop-body").Hits, Is.EqualTo(LoopCount));
            Assert.That(Line(request, "square").Hits, Is.EqualTo(LoopCount));
        });
    }

    [Test]
    public void A_sleeping_line_has_at_least_its_sleep_and_at_most_its_request()
    {
        var request = Request("/sleep");
        var sleep = Line(request, "sleep");
        Assert.Multiple(() =>
        {
            Assert.That(sleep.Hits, Is.EqualTo(1));
            Assert.That(sleep.TimeNs, Is.GreaterThanOrEqualTo(100_000_000));
            Assert.That(sleep.TimeNs, Is.LessThanOrEqualTo(request.DurationNs));
        });
    }

    [Test]
    public void The_Exclude_attribute_of_LineProf_in_FodyWeavers_xml_keeps_a_method_unwoven()
    {
        int line = SourceMarkers.LineOf(_program, "unprofiled");
        Assert.Multiple(() =>
        {
            Assert.That(_unprofiledAnswer, Is.EqualTo("42"), "the excluded method still runs");
            Assert.That(Request("/unprofiled").Lines, Is.Not.Empty, "the request itself was profiled");
            Assert.That(_report.Lines.Where(l => l.Line == line), Is.Empty, "but not the excluded method's line");
        });
    }

    [Test]
    public void Costuras_effect_is_intact_the_library_is_embedded_and_loaded_from_the_assembly()
    {
        using var woven = new WovenAssembly(Path.Combine(_bin, "FodyApp.dll"));
        Assert.Multiple(() =>
        {
            Assert.That(_greeting, Is.EqualTo("hello fody"), "the embedded library's code ran");
            Assert.That(woven.ResourceNames, Does.Contain("costura.greeter.dll.compressed"));
            Assert.That(woven.ResourceNames, Does.Contain("costura.lineprof.runtime.dll.compressed"));
            Assert.That(File.Exists(Path.Combine(_bin, "Greeter.dll")), Is.False, "Costura removed what it embedded from bin/");
            Assert.That(File.Exists(Path.Combine(_bin, "LineProf.Runtime.dll")), Is.False, "so LineProf's runtime came from Costura's resource");
            Assert.That(Line(Request("/greet"), "greet").Hits, Is.EqualTo(1));
        });
    }

    [Test]
    public void Only_the_apps_own_code_is_woven_not_the_loader_Costura_added_before_LineProf()
    {
        using var woven = new WovenAssembly(Path.Combine(_bin, "FodyApp.dll"));
        var files = woven.LineMap.Select(e => e.File).Distinct().ToList();
        var methods = _report.Lines.Concat(_report.OutsideRequests.Lines).Select(l => l.Method).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(files, Is.EqualTo(new[] { _program }), "the line map holds only the app's source");
            Assert.That(methods, Has.None.StartsWith("Costura."));
        });
    }

    private RequestReport Request(string path) => _report.Requests.Single(r => r.Path == path);

    private RequestLine Line(RequestReport request, string marker)
    {
        int line = SourceMarkers.LineOf(_program, marker);
        var matches = request.Lines.Where(l => l.Line == line && l.File == _program).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"request {request.Path} has line {line} (MARK:{marker}) once");
        return matches[0];
    }
}
