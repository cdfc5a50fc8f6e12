using LineProf.Reporting;

namespace LineProf.Tool.Tests;

public class RenderTests
{
    [Test]
    public void Render_writes_the_page_the_runtime_writes_for_the_same_report()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        // Text a report really carries: markup in a source line, a control character in a path, non-BMP characters,
        // and a JavaScript line separator. All of it must come through the round trip unchanged.
        report.Lines[1].Source = "return Content(\"</script><!-- \\u2028\", \"text/html\"); // 🚀 \u2028 done";
        report.Requests[0].Path = "/orders/\u0001<script>alert(1)</script>";
        scratch.WriteReport("lineprof.json", report);

        var result = scratch.Lineprof("render", "lineprof.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("lineprof.html"));
        Assert.That(scratch.Read("lineprof.html"), Is.EqualTo(ReportHtml.Render(report)), "one renderer: the tool's page is the runtime's");
    }

    [Test]
    public void Render_shows_hostile_strings_escaped()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        report.Lines[0].Source = "</script><script>alert('source')</script>";
        report.Requests[0].Path = "/x</SCRIPT><img src=x onerror=alert(1)>\u001b[2J";
        report.Lines[2].Source = "bad \ud800 surrogate and \udfff another";
        scratch.WriteReport("hostile.json", report);

        var result = scratch.Lineprof("render", "hostile.json", "-o", "hostile.html");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        string page = scratch.Read("hostile.html");
        string emptyPage = ReportHtml.Render(new ProfileReport());
        Assert.Multiple(() =>
        {
            Assert.That(Occurrences(page, "</script"), Is.EqualTo(Occurrences(emptyPage, "</script")), "no data closes a script element");
            Assert.That(page, Does.Not.Contain("<script>alert").And.Not.Contain("<img"));
            // Ordinal checks: a culture-aware "contains" ignores control characters and would find them anywhere.
            Assert.That(page.Contains('\u001b', StringComparison.Ordinal), Is.False, "the escape character stays escaped");
            Assert.That(page.Contains('\uFFFD', StringComparison.Ordinal), Is.True, "unpaired surrogates were replaced by the runtime's writer");
        });
    }

    [Test]
    public void Render_refuses_to_overwrite_its_input()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("report.json", Reports.App());

        Lineprof.AssertUserError(scratch.Lineprof("render", "report.json", "-o", "report.json"), "report.json", "-o");
    }

    private static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.OrdinalIgnoreCase).Length) / value.Length;
}
