using System.Net;

namespace LineProf.Templates.Tests;

/// <summary><c>dotnet new webapp</c> (Razor Pages): the page handler awaits in a loop, the page renders a row per item.</summary>
[TestFixture]
public sealed class RazorPagesTemplateTests : TemplateFixture
{
    private const int Requests = 5;
    private const int Items = 9;

    protected override async Task<TemplateApp> ProfileAsync()
    {
        var app = TemplateApp.Create("webapp", "WebApp", "webapp");
        app.AddPackages();
        app.Build();
        await using var running = await app.StartAsync();
        for (int i = 0; i < Requests; i++)
            Assert.That((await running.GetAsync($"/?items={Items}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), running.Output);
        Assert.That(await running.StopAsync(), Is.EqualTo(0), running.Output);
        return app;
    }

    [Test]
    public void The_hottest_line_is_the_handlers_await() =>
        Assert.That(Hottest(), Is.SameAs(Line("Pages/Index.cshtml.cs", "handler-await")), Describe(Report.Lines));

    [Test]
    public void The_handler_and_the_page_loop_have_exact_hits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Line("Pages/Index.cshtml.cs", "handler-body").Hits, Is.EqualTo(Requests * Items));
            Assert.That(Line("Pages/Index.cshtml", "page-row").Hits, Is.EqualTo(Requests * Items));
        });
    }

    [Test]
    public void The_pages_row_is_under_its_cshtml_file_with_its_source()
    {
        var row = Line("Pages/Index.cshtml", "page-row");
        Assert.Multiple(() =>
        {
            Assert.That(row.File, Does.EndWith("Pages/Index.cshtml"));
            Assert.That(row.Source, Does.Contain("<tr><td>@price.ToString(\"N2\")</td></tr>"));
        });
    }

    [Test]
    public void The_endpoint_is_the_pages_route() =>
        Assert.That(Report.Endpoints.Select(e => (e.Name, e.Count)), Is.EquivalentTo(new[] { ("GET /", (long)Requests) }));

    /// <summary>A view's method names its .cshtml file, not the class the Razor compiler generated for it.</summary>
    [Test]
    public void The_views_lines_are_named_by_the_cshtml_file() => Assert.That(Line("Pages/Index.cshtml", "page-row").Method, Does.Contain("Index.cshtml"));
}
