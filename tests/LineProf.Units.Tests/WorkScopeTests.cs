using LineProf.Reporting;
using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Units.Tests;

/// <summary>
/// <see cref="LineProfiler.BeginWork"/>: a unit of work that is not an HTTP request (a queue message, a job) gets its
/// own lines and figures, is summed under its kind and name as a request is under its endpoint, and leaves the request
/// or unit it was begun in as it was.
/// </summary>
[TestFixture]
public sealed class WorkScopeTests
{
    private static string UniqueName() => TestContext.CurrentContext.Test.Name + "-" + Guid.NewGuid().ToString("N")[..8];

    private static RequestReport[] UnitsNamed(ProfileReport report, string name) => report.Requests.Where(r => r.Name == name).ToArray();

    [Test]
    public async Task A_unit_of_work_has_its_own_lines_kind_and_name_and_is_summed_under_both()
    {
        var name = UniqueName();
        for (int i = 0; i < 3; i++)
        {
            await Task.Run(() =>
            {
                using var work = LineProfiler.Shared.BeginWork("queue", name);
                WorkCases.Handle(7);
            });
        }

        var report = LineProfiler.Shared.CreateReport();
        var units = UnitsNamed(report, name);
        var endpoint = report.Endpoints.Single(e => e.Name == "queue " + name);
        Assert.Multiple(() =>
        {
            Assert.That(units, Has.Length.EqualTo(3));
            Assert.That(units.Select(u => u.Kind), Is.All.EqualTo("queue"));
            Assert.That(units.Select(u => u.Status), Is.All.EqualTo(200), "disposed: succeeded");
            Assert.That(units.Select(u => u.Line("work-item").Hits), Is.All.EqualTo(7));
            Assert.That(units.Select(u => u.Line("work-start").Hits), Is.All.EqualTo(1));
            Assert.That(endpoint.Count, Is.EqualTo(3));
            Assert.That(endpoint.Lines.Sum(l => l.Hits), Is.EqualTo(units.Sum(u => u.Lines.Sum(l => l.Hits))), "the endpoint sums its units");
        });
        ReportInvariants.Record(report);
    }

    [Test]
    public void The_json_says_each_units_kind_and_name_and_a_requests_kind_is_http()
    {
        var name = UniqueName();
        var path = "/" + name;
        Task.Run(() =>
        {
            using var work = LineProfiler.Shared.BeginWork("job", name);
            WorkCases.Handle(2);
        }).Wait();
        Task.Run(() =>
        {
            var request = LineProfiler.Shared.BeginRequest("GET", path);
            WorkCases.Handle(2);
            request.End(200, "/jobs/{id}");
        }).Wait();

        using var json = System.Text.Json.JsonDocument.Parse(ReportJson.Serialize(LineProfiler.Shared.CreateReport()));
        var requests = json.RootElement.GetProperty("requests").EnumerateArray().ToList();
        var unit = requests.Single(r => r.GetProperty("path").GetString() == name);
        var request = requests.Single(r => r.GetProperty("path").GetString() == path);
        Assert.Multiple(() =>
        {
            Assert.That(unit.GetProperty("kind").GetString(), Is.EqualTo("job"));
            Assert.That(unit.GetProperty("name").GetString(), Is.EqualTo(name));
            Assert.That(unit.GetProperty("method").GetString(), Is.EqualTo("job"), "tools that know only requests sum it under its kind and name");
            Assert.That(request.GetProperty("kind").GetString(), Is.EqualTo("http"));
            Assert.That(request.GetProperty("name").GetString(), Is.EqualTo("/jobs/{id}"), "a request's name is its endpoint");
        });
    }

    [Test]
    public void A_unit_ends_with_its_outcome_and_only_its_first_end_counts()
    {
        var name = UniqueName();
        Task.Run(() =>
        {
            var failed = LineProfiler.Shared.BeginWork("job", name, id: name + "-failed");
            WorkCases.Handle(1);
            failed.End(WorkOutcome.Failed);
            failed.Dispose();
            using var cancelled = LineProfiler.Shared.BeginWork("job", name, id: name + "-cancelled");
            WorkCases.Handle(1); // a unit that ran no line would be counted but not kept
            cancelled.End(WorkOutcome.Cancelled);
        }).Wait();

        var units = UnitsNamed(LineProfiler.Shared.CreateReport(), name).ToDictionary(u => u.Id, u => u.Status);
        Assert.That(units, Is.EquivalentTo(new Dictionary<string, int> { [name + "-failed"] = 500, [name + "-cancelled"] = 499 }));
    }

    [Test]
    public async Task A_unit_begun_inside_a_request_takes_only_its_own_lines_and_gives_the_request_back_its_flow()
    {
        var name = UniqueName();
        var path = "/" + name;
        await Task.Run(async () =>
        {
            var request = LineProfiler.Shared.BeginRequest("POST", path);
            using (LineProfiler.Shared.BeginWork("hub", name))
                await WorkCases.HandleAsync(5);
            WorkCases.Handle(4);
            request.End(200, "/orders");
        });

        var report = LineProfiler.Shared.CreateReport();
        var unit = UnitsNamed(report, name).Single();
        var request = report.Requests.Single(r => r.Path == path);
        Assert.Multiple(() =>
        {
            Assert.That(unit.Line("work-item").Hits, Is.EqualTo(5));
            Assert.That(unit.Line("work-async-yield").Hits, Is.EqualTo(1));
            Assert.That(request.Line("work-item").Hits, Is.EqualTo(4), "the request's lines after the unit ended");
            Assert.That(request.HasLine("work-async-yield"), Is.False, "the unit's lines are not the request's");
        });
        ReportInvariants.Record(report);
    }

    [Test]
    public void A_units_lines_are_not_counted_outside_requests()
    {
        var name = UniqueName();
        long OutsideHits() => LineProfiler.Shared.CreateReport().OutsideRequests.Lines
            .Where(l => l.Method.EndsWith("WorkCases.Handle", StringComparison.Ordinal)).Sum(l => l.Hits);
        long before = OutsideHits();

        Task.Run(() =>
        {
            using var work = LineProfiler.Shared.BeginWork("job", name);
            WorkCases.Handle(50);
        }).Wait();

        Assert.Multiple(() =>
        {
            Assert.That(OutsideHits(), Is.EqualTo(before));
            Assert.That(UnitsNamed(LineProfiler.Shared.CreateReport(), name).Single().Line("work-item").Hits, Is.EqualTo(50));
        });
    }

    [Test]
    public void A_unit_without_kind_or_name_is_still_profiled_under_placeholders()
    {
        string id = UniqueName();
        Task.Run(() =>
        {
            using var work = LineProfiler.Shared.BeginWork(" ", "", id);
            WorkCases.Handle(1);
        }).Wait();

        var unit = LineProfiler.Shared.CreateReport().Requests.Single(r => r.Id == id);
        Assert.That((unit.Kind, unit.Name), Is.EqualTo(("work", "(unnamed)")));
    }

    [Test]
    public void The_page_shows_each_units_kind()
    {
        var name = UniqueName();
        Task.Run(() =>
        {
            using var work = LineProfiler.Shared.BeginWork("queue", name);
            WorkCases.Handle(1);
        }).Wait();

        var report = LineProfiler.Shared.CreateReport();
        var page = PageFigures.FromHtml(ReportHtml.Render(report));
        int index = report.Requests.FindIndex(r => r.Name == name);
        Assert.That(page.RequestKinds[index], Is.EqualTo("queue"));
    }
}
