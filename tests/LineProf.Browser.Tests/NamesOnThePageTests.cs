using LineProf.Reporting;

namespace LineProf.Browser.Tests;

/// <summary>
/// Names that say where a line is: the file beside a method name many features share, a Razor view by its path, each
/// overload in its own block, and a statement over several lines read whole (folded when long).
/// </summary>
[TestFixture]
public sealed class NamesOnThePageTests : ChromiumFixture
{
    private const string Query = "var article = await context.Articles\n    .Where(a => a.Slug == slug)\n    .Include(a => a.Author)\n    .OrderBy(a => a.Id)\n    .FirstOrDefaultAsync();";

    private string _file = null!;

    [OneTimeSetUp]
    public async Task RenderReport()
    {
        var lines = new[]
        {
            Line("/src/App/Features/Articles/Create.cs", 78, "App.Features.Articles.Create.Handler.Handle", 9_000_000, "await db.SaveChangesAsync();"),
            Line("/src/App/Features/Articles/Delete.cs", 78, "App.Features.Articles.Delete.Handler.Handle", 8_000_000, "db.Remove(article);"),
            Line("/src/App/Pages/Index.cshtml", 11, "Pages/Index.cshtml", 7_000_000, "<h1>@Model.Title</h1>"),
            Line("/src/App/Math.cs", 10, "App.Math.Outer(int)", 6_000_000, "return Outer(n, 1);"),
            Line("/src/App/Math.cs", 15, "App.Math.Outer(int, int)", 5_000_000, "return n * step;"),
            Line("/src/App/Features/Articles/Get.cs", 20, "App.Features.Articles.Get.Handler.Handle", 4_000_000, "        " + Query.Replace("\n", "\n        ")),
            Line("/src/App/Features/Articles/Get.cs", 26, "App.Features.Articles.Get.Handler.Handle", 3_000_000, "        return article\n            ?? throw new NotFound();"),
        };
        var report = new ProfileReport
        {
            GeneratedUtc = DateTime.UtcNow,
            RequestCount = 1,
            Lines = { },
            Methods =
            {
                new MethodReport { File = "/src/App/Math.cs", Line = 10, Method = "App.Math.Outer(int)", Calls = 100, TimeNs = 6_000_000, SelfNs = 1_000_000 },
                new MethodReport { File = "/src/App/Math.cs", Line = 15, Method = "App.Math.Outer(int, int)", Calls = 200, TimeNs = 5_000_000, SelfNs = 5_000_000 },
            },
        };
        report.Lines.AddRange(lines);
        _file = Path.Combine(ReportApp.OutputFolder("names"), "lineprof.html");
        await File.WriteAllTextAsync(_file, ReportHtml.Render(report));
    }

    [Test]
    public async Task A_line_is_placed_by_its_method_and_its_file_and_a_razor_view_by_its_path()
    {
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri + "#lines");
        var where = page.Page.Locator("#lines-table td.where");
        await where.First.WaitForAsync();
        var texts = await where.AllInnerTextsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(texts, Does.Contain("Handler.Handle \u00b7 Create.cs:78"));
            Assert.That(texts, Does.Contain("Handler.Handle \u00b7 Delete.cs:78"));
            Assert.That(texts, Does.Contain("Pages/Index.cshtml:11"), "a view's name is its file already");
            Assert.That(texts, Does.Contain("Math.Outer(int, int) \u00b7 Math.cs:15"));
            Assert.That(page.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Overloads_show_as_separate_methods_each_with_its_own_calls()
    {
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri + "#source");
        var one = page.Page.Locator("section.method[data-method=\"App.Math.Outer(int)\"] h4 .meta");
        var two = page.Page.Locator("section.method[data-method=\"App.Math.Outer(int, int)\"] h4 .meta");
        await one.WaitForAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await one.InnerTextAsync(), Does.Contain("100 calls"));
            Assert.That(await two.InnerTextAsync(), Does.Contain("200 calls"));
        });
    }

    [Test]
    public async Task A_long_statement_shows_its_first_line_and_unfolds_whole_and_a_short_one_shows_whole()
    {
        await using var page = await Chromium.NewPageAsync();
        await page.Page.GotoAsync(new Uri(_file).AbsoluteUri + "#source");
        var query = page.Page.Locator("section.method tr.line[data-line=\"20\"] td.srccell");
        var shortOne = page.Page.Locator("section.method tr.line[data-line=\"26\"] td.srccell");
        await query.WaitForAsync();

        var folded = await query.InnerTextAsync();
        await query.Locator("button.unfold").ClickAsync();
        var unfolded = await query.Locator("code").InnerTextAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(folded, Does.StartWith("var article = await context.Articles").And.Contain("4 more lines").And.Not.Contain("FirstOrDefaultAsync"));
            Assert.That(unfolded, Is.EqualTo(Query), "every line, without the method's indentation, each keeping its own");
            Assert.That(await shortOne.InnerTextAsync(), Is.EqualTo("return article\n    ?? throw new NotFound();"));
            Assert.That(page.Page.Url, Does.EndWith("#source"), "unfolding does not open the line");
            Assert.That(page.Errors, Is.Empty);
        });
    }

    private static LineReport Line(string file, int line, string method, long timeNs, string source) =>
        new() { File = file, Line = line, Method = method, Hits = 1, TimeNs = timeNs, SelfNs = timeNs, Source = source };
}
