using System.Net;

namespace LineProf.Templates.Tests;

/// <summary><c>dotnet new mvc</c> whose home view loops over rows, each doing real work in the view.</summary>
[TestFixture]
public sealed class MvcTemplateTests : TemplateFixture
{
    private const int Requests = 5;
    private const int Rows = 8;
    private const string View = "Views/Home/Index.cshtml";

    protected override async Task<TemplateApp> ProfileAsync()
    {
        var app = TemplateApp.Create("mvc", "MvcApp", "mvc");
        app.AddPackages();
        app.Build();
        await using var running = await app.StartAsync();
        for (int i = 0; i < Requests; i++)
            Assert.That((await running.GetAsync($"/?rows={Rows}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), running.Output);
        Assert.That(await running.StopAsync(), Is.EqualTo(0), running.Output);
        return app;
    }

    [Test]
    public void The_hottest_line_is_the_views_loop_body_under_its_cshtml_file_with_its_source()
    {
        var row = Line(View, "view-row");
        Assert.Multiple(() =>
        {
            Assert.That(Hottest(), Is.SameAs(row), Describe(Report.Lines));
            Assert.That(row.File, Does.EndWith(".cshtml"));
            Assert.That(row.Source, Does.Contain("<li>@Convert.ToHexString("));
        });
    }

    [Test]
    public void The_views_loop_body_has_exact_hits() => Assert.That(Line(View, "view-row").Hits, Is.EqualTo(Requests * Rows));

    [Test]
    public void The_endpoint_is_the_conventional_route_with_its_action_filled_in() =>
        // Every conventional action's endpoint carries the same raw template; summed under it, all actions would be one.
        Assert.That(Report.Endpoints.Select(e => (e.Name, e.Count)), Is.EquivalentTo(new[] { ("GET /Home/Index/{id?}", (long)Requests) }));

    /// <summary>A view's method names its .cshtml file, not the class the Razor compiler generated for it.</summary>
    [Test]
    public void The_views_lines_are_named_by_the_cshtml_file() => Assert.That(Line(View, "view-row").Method, Does.Contain("Index.cshtml"));
}
