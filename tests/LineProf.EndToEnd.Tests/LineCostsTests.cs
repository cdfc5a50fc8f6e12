using System.Net;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.EndToEnd.Tests;

/// <summary>
/// What a line costs beyond time, on a real API: EF Core on SQLite, an HttpClient call to another endpoint of the same
/// Kestrel server, and a line that allocates a megabyte, built with the packed package and served. Each figure is read
/// where the user reads it: on the line of the request that issued it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LineCostsTests
{
    private const int Orders = 20;
    private const int Requests = 2;

    private Sandbox _sandbox = null!;
    private ProfileReport _report = null!;
    private ProfileReport _off = null!;

    [OneTimeSetUp]
    public async Task BuildServeAndProfile()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("line-costs");
        _sandbox.CopyFromRepository("tests/Apps/CostsApp", "app");
        _sandbox.Build("app/CostsApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        _report = await Serve(new Dictionary<string, string?>());
        _off = await Serve(new Dictionary<string, string?>
        {
            ["LineProf__TrackAllocations"] = "false",
            ["LineProf__TrackDatabaseCommands"] = "false",
            ["LineProf__TrackHttpCalls"] = "false",
        });
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    [Test]
    public void The_report_holds_every_invariant() => ReportInvariants.Check(_report);

    [Test]
    public void A_loop_issuing_one_query_per_order_shows_its_commands_and_is_flagged_N_plus_1()
    {
        foreach (var request in RequestsOf("/orders/one-by-one"))
        {
            var loop = Line(request, "MARK:one-by-one");
            var command = loop.Commands!.Single();
            Assert.Multiple(() =>
            {
                Assert.That(loop.DbCommands, Is.EqualTo(Orders), "one command per order");
                Assert.That(loop.NPlusOne, Is.True);
                Assert.That(command.Count, Is.EqualTo(Orders), "all of one text");
                Assert.That(command.Text, Does.StartWith("SELECT").And.Contain("OrderLines"));
                Assert.That(command.NPlusOne, Is.True);
                Assert.That(loop.DbNs, Is.GreaterThan(0).And.LessThanOrEqualTo(loop.TimeNs), "the commands' time is inside the line's");
                Assert.That(request.DbCommands, Is.EqualTo(Orders + 1), "the request: the orders' query and one per order");
            });
        }

        var total = _report.Lines.Single(l => l.Source.Contains("MARK:one-by-one", StringComparison.Ordinal));
        Assert.That((total.DbCommands, total.NPlusOne), Is.EqualTo((Requests * Orders, true)), "summed over requests, still flagged");
    }

    [Test]
    public void The_single_query_version_issues_one_command_and_is_not_flagged()
    {
        foreach (var request in RequestsOf("/orders/together"))
        {
            var line = Line(request, "MARK:together");
            Assert.That((line.DbCommands, line.NPlusOne, line.Commands!.Count), Is.EqualTo((1L, false, 1)));
            Assert.That(request.DbCommands, Is.EqualTo(1));
        }
    }

    [Test]
    public void An_HttpClient_call_to_another_endpoint_shows_on_its_line_without_query_values()
    {
        foreach (var request in RequestsOf("/calls"))
        {
            var line = Line(request, "MARK:call");
            var call = line.Commands!.Single();
            Assert.Multiple(() =>
            {
                Assert.That(line.HttpCalls, Is.EqualTo(1));
                Assert.That(call.Kind, Is.EqualTo("http"));
                Assert.That(call.HttpMethod, Is.EqualTo("GET"));
                Assert.That(call.Host, Does.StartWith("127.0.0.1:"));
                Assert.That(call.Path, Is.EqualTo("/items/{id}?colour="), "route-like: the id and the query's value are dropped");
                Assert.That(line.HttpNs, Is.GreaterThan(0).And.LessThanOrEqualTo(line.TimeNs));
            });
        }
    }

    [Test]
    public void A_line_building_a_megabyte_string_shows_it_and_a_line_allocating_nothing_shows_zero()
    {
        foreach (var request in RequestsOf("/allocations"))
        {
            var megabyte = Line(request, "MARK:megabyte");
            var nothing = Line(request, "MARK:nothing");
            Assert.Multiple(() =>
            {
                Assert.That(megabyte.AllocBytes, Is.GreaterThanOrEqualTo(2L << 20), "a million chars of two bytes");
                Assert.That(megabyte.SelfAllocBytes, Is.EqualTo(megabyte.AllocBytes), "nothing deeper is profiled");
                Assert.That(nothing.AllocBytes, Is.Zero);
            });
        }

        Assert.That(_report.LineCosts!.Allocations, Is.True);
    }

    [Test]
    public void Each_cost_can_be_turned_off()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_off.LineCosts, Is.Not.Null);
            Assert.That((_off.LineCosts!.Allocations, _off.LineCosts.DatabaseCommands, _off.LineCosts.HttpCalls), Is.EqualTo((false, false, false)));
            Assert.That(_off.Lines.Sum(l => l.AllocBytes + l.DbCommands + l.HttpCalls), Is.Zero);
            Assert.That(_off.Requests.Sum(r => r.DbCommands + r.HttpCalls), Is.Zero);
            Assert.That(_off.Lines.Single(l => l.Source.Contains("MARK:one-by-one", StringComparison.Ordinal)).Hits, Is.EqualTo(Requests * Orders),
                "the lines are still profiled");
        });
    }

    private IEnumerable<RequestReport> RequestsOf(string path)
    {
        var requests = _report.Requests.Where(r => r.Path == path).ToList();
        Assert.That(requests, Has.Count.EqualTo(Requests), path);
        return requests;
    }

    private static RequestLine Line(RequestReport request, string marker)
    {
        var line = SourceLineOf(marker);
        return request.Lines.Single(l => l.Line == line && l.File.EndsWith("Program.cs", StringComparison.Ordinal));
    }

    private static int SourceLineOf(string marker) =>
        Array.FindIndex(File.ReadAllLines(Repository.PathOf("tests", "Apps", "CostsApp", "Program.cs")), l => l.Contains(marker, StringComparison.Ordinal)) + 1;

    private async Task<ProfileReport> Serve(Dictionary<string, string?> environment)
    {
        var output = _sandbox.PathOf("app", "lineprof");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        await using var app = await WebApp.StartAsync(_sandbox.PathOf("app", "bin", "Release", "net10.0", "CostsApp.dll"),
            environment, contentRoot: _sandbox.PathOf("app"));
        foreach (var path in new[] { "/orders/one-by-one", "/orders/together", "/calls", "/allocations" })
        {
            for (int i = 0; i < Requests; i++) Assert.That((await app.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK), path + "\n" + app.Output);
        }

        Assert.That(await app.StopAsync(), Is.Zero, app.Output);
        return ReportFile.Load(Path.Combine(output, "lineprof.json"));
    }
}
