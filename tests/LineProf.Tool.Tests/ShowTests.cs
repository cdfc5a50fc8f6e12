using LineProf.Reporting;

namespace LineProf.Tool.Tests;

public class ShowTests
{
    private const string Big = "App.Services.Importer.Run";
    private const string BigFile = "/src/App/Services/Importer.cs";

    [Test]
    public void Show_lists_each_method_most_time_first_with_the_figures_of_each_of_its_lines()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        scratch.WriteReport("lineprof.json", report);

        var result = scratch.Lineprof("show", "lineprof.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var methods = ShowListing.Parse(result.Output);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.StartWith("All 2 methods, summed over 13 requests, exact mode: lineprof.json"));
            Assert.That(methods.Select(m => m.Method), Is.EqualTo(new[] { Reports.ToCsv, Reports.GetOrder }), "most time first");
            Assert.That(methods[0].Total, Is.EqualTo("1.76 s in 3 calls, summed over 13 requests"));
            Assert.That(methods[0].File, Is.EqualTo(Reports.ExporterFile));
            Assert.That(methods[0].FirstLine, Is.EqualTo(10));
            foreach (var method in methods) ListingChecks.LinesEqualTheReport(method, report.Lines, report.Methods);
        });
    }

    [Test]
    public void A_long_method_folds_its_cold_stretches_keeping_two_lines_around_each_line_of_one_percent_or_more()
    {
        using var scratch = new Scratch();
        var report = WithLongMethod(Reports.App());
        scratch.WriteReport("lineprof.json", report);

        var folded = ShowListing.Parse(scratch.Lineprof("show", "lineprof.json", "--match", Big).Output).Single();
        var unfolded = ShowListing.Parse(scratch.Lineprof("show", "lineprof.json", "--match", Big, "--unfold").Output).Single();

        Assert.Multiple(() =>
        {
            // Lines 1-20; line 10 has 90% and line 17 1% (the threshold), the rest under it: 8-12 and 15-19 are shown,
            // 1-7 folded, and 13-14 and 20 too short a stretch to fold.
            Assert.That(folded.Rows.Select(r => r.Line?.ToString() ?? $"fold {r.Fold!.Groups[1]} {r.Fold.Groups[2]}-{r.Fold.Groups[3]}"),
                Is.EqualTo(new[] { "fold 7 1-7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20" }));
            Assert.That(unfolded.Lines.Select(r => r.Line), Is.EqualTo(Enumerable.Range(1, 20)));
            ListingChecks.LinesEqualTheReport(unfolded, report.Lines, report.Methods);
        });
    }

    [Test]
    public void A_method_of_twelve_lines_or_fewer_never_folds()
    {
        using var scratch = new Scratch();
        var report = WithLongMethod(Reports.App(), lines: 12);
        scratch.WriteReport("lineprof.json", report);

        var method = ShowListing.Parse(scratch.Lineprof("show", "lineprof.json", "--match", Big).Output).Single();

        Assert.That(method.Rows.Select(r => r.Line), Is.EqualTo(Enumerable.Range(1, 12).Select(i => (int?)i)));
    }

    [Test]
    public void An_endpoint_a_request_or_outside_requests_each_give_their_own_figures_with_the_source()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        scratch.WriteReport("lineprof.json", report);

        var endpoint = scratch.Lineprof("show", "lineprof.json", "--endpoint", "GET /orders/{id}");
        var request = scratch.Lineprof("show", "lineprof.json", "--request", "r1");
        var outside = scratch.Lineprof("show", "lineprof.json", "--outside");

        Assert.Multiple(() =>
        {
            var e = ShowListing.Parse(endpoint.Output).Single();
            Assert.That(e.Total, Is.EqualTo("40 ms in 10 calls, summed over the 10 requests of GET /orders/{id}"), endpoint.ToString());
            ListingChecks.LinesEqualTheReport(e, report.Endpoints[0].Lines.Select(l => Reports.Line(l.File, l.Line, l.Method, l.Hits, l.TimeNs, l.SelfNs,
                report.Lines.Single(t => t.Line == l.Line && t.Method == l.Method).Source)), report.Endpoints[0].Methods);

            var r = ShowListing.Parse(request.Output).Single();
            Assert.That(r.Total, Is.EqualTo("4 ms, in request r1 (GET /orders/1, 200, 4 ms)"), "no method figures kept: the lines' sum, and no calls");
            Assert.That(r.Lines.Single().Source, Is.EqualTo("var order = await db.Orders.FindAsync(id);"));

            var o = ShowListing.Parse(outside.Output).Single();
            Assert.That(o.Method, Is.EqualTo("App.Program.Main"));
            Assert.That(o.Total, Does.EndWith("outside requests (start-up, background work)"));
        });
    }

    [Test]
    public void Methods_are_chosen_by_name_or_file_and_the_count_takes_the_hottest()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", WithLongMethod(Reports.App()));

        var byName = scratch.Lineprof("show", "lineprof.json", "--match", "App.Controllers.*");
        var byFile = scratch.Lineprof("show", "lineprof.json", "--file", "Services/*.cs");
        var hottest = scratch.Lineprof("show", "lineprof.json", "-n", "1");

        Assert.Multiple(() =>
        {
            Assert.That(ShowListing.Parse(byName.Output).Select(m => m.Method), Is.EqualTo(new[] { Reports.GetOrder }));
            Assert.That(byName.Output, Does.StartWith("1 method of 3, summed over"));
            Assert.That(ShowListing.Parse(byFile.Output).Select(m => m.Method), Is.EqualTo(new[] { Reports.ToCsv, Big }));
            Assert.That(ShowListing.Parse(hottest.Output).Select(m => m.Method), Is.EqualTo(new[] { Reports.ToCsv }));
            Assert.That(hottest.Output, Does.StartWith("The 1 of 3 methods with the most time, summed over 13 requests"));
        });
    }

    [Test]
    public void A_scope_the_report_does_not_have_is_a_user_error_that_says_what_it_has()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", Reports.App());

        Lineprof.AssertUserError(scratch.Lineprof("show", "lineprof.json", "--endpoint", "GET /nope"), "no endpoint 'GET /nope'", "'GET /orders/{id}'");
        Lineprof.AssertUserError(scratch.Lineprof("show", "lineprof.json", "--request", "x9"), "no request 'x9'", "r0, r1, r2");
        Lineprof.AssertUserError(scratch.Lineprof("show", "lineprof.json", "--outside", "--request", "r1"), "--request and --outside", "give one");
        Lineprof.AssertUserError(scratch.Lineprof("show", "lineprof.json", "-n", "x"), "--count must be a whole number");
    }

    [Test]
    public void Source_text_is_shown_with_control_characters_escaped_and_long_statements_on_their_first_line()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        report.Lines[1].Source = "return Ok(order); \u001b]0;owned\u0007 \u202Eevil";
        report.Lines[0].Source = "var order = await db.Orders\n    .Where(o => o.Id == id)\n    .Include(o => o.Lines)\n    .FirstAsync();";
        scratch.WriteReport("lineprof.json", report);

        var result = scratch.Lineprof("show", "lineprof.json", "--match", Reports.GetOrder);

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain(@"return Ok(order); \u001B]0;owned\u0007 \u202Eevil"));
            Assert.That(result.Output.Any(c => char.IsControl(c) && c != '\n'), Is.False, "nothing a terminal would act on");
            Assert.That(result.Output, Does.Contain("var order = await db.Orders ⋯ 3 more lines"));
        });
    }

    /// <summary>Adds a method of <paramref name="lines"/> lines to the report: line 10 takes 90% of its time, line 17 1%.</summary>
    private static ProfileReport WithLongMethod(ProfileReport report, int lines = 20)
    {
        const long total = 1_000_000;
        for (int i = 1; i <= lines; i++)
        {
            long time = i == 10 ? 900_000 : i == 17 ? 10_000 : 1_000;
            report.Lines.Add(Reports.Line(BigFile, i, Big, 1, time, time, $"    step{i}();"));
        }

        report.Methods.Add(Reports.Method(BigFile, 1, Big, 1, total, total));
        return report;
    }
}
