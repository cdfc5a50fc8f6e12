using System.Net;

namespace LineProf.Templates.Tests;

/// <summary>
/// <c>dotnet new blazor --interactivity Server</c>: the weather page loads its forecasts with awaits in a loop
/// (stream rendering) and renders a row per day; requested as a browser's first GET, rendered on the server.
/// </summary>
[TestFixture]
public sealed class BlazorTemplateTests : TemplateFixture
{
    private const int Requests = 4;
    private const int Days = 7;
    private const string Page = "Components/Pages/Weather.razor";

    protected override async Task<TemplateApp> ProfileAsync()
    {
        var app = TemplateApp.Create("blazor", "BlazorApp", "blazor", "--interactivity", "Server");
        app.AddPackages();
        app.Build();
        await using var running = await app.StartAsync();
        for (int i = 0; i < Requests; i++)
        {
            var response = await running.GetAsync($"/weather?days={Days}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), running.Output);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Balmy"), "the forecasts were rendered");
        }

        Assert.That(await running.StopAsync(), Is.EqualTo(0), running.Output);
        return app;
    }

    [Test]
    public void The_hottest_line_is_the_loading_await() =>
        Assert.That(Hottest(), Is.SameAs(Line(Page, "load-await")), Describe(Report.Lines));

    [Test]
    public void The_load_loop_and_the_rendered_rows_have_exact_hits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Line(Page, "load-body").Hits, Is.EqualTo(Requests * Days));
            Assert.That(Line(Page, "render-row").Hits, Is.EqualTo(Requests * Days));
        });
    }

    [Test]
    public void The_rendered_row_is_under_its_razor_file_with_its_source()
    {
        var row = Line(Page, "render-row");
        Assert.That(row.Source, Does.Contain("<td>@forecast.Date.ToShortDateString()</td>"));
    }

    [Test]
    public void The_endpoint_is_the_pages_route() =>
        Assert.That(Report.Endpoints.Select(e => (e.Name, e.Count)), Is.EquivalentTo(new[] { ("GET /weather", (long)Requests) }));
}
