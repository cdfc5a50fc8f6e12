namespace LineProf.Tool.Tests;

public class TopAndExportTests
{
    [Test]
    public void Top_lists_the_hottest_lines_by_self_time()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", Reports.App());

        var result = scratch.Lineprof("top", "lineprof.json", "-n", "2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.Contain("The 2 hottest of 4 lines by self time"));
            Assert.That(lines[1], Does.Match(@"^Line\s+Hits\s+Time\s+Per Hit\s+Self\s+Method\s+File\s+Source$"));
            Assert.That(lines[2], Does.Match(@"^\s+15\s+12,003\s+1\.76 s\s+147 µs\s+1\.76 s\s+App\.Services\.CsvExporter\.ToCsv\s+Services/CsvExporter\.cs:15\s+csv \+= "));
            Assert.That(lines[3], Does.Contain("OrdersController.cs:42"));
            Assert.That(lines, Has.Length.EqualTo(4));
        });
    }

    [Test]
    public void Top_by_hits_and_outside_requests()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", Reports.App());

        var byHits = scratch.Lineprof("top", "lineprof.json", "--by", "hits", "-n", "1");
        var outside = scratch.Lineprof("top", "lineprof.json", "--outside");

        Assert.That(byHits.Output, Does.Contain("12,003"));
        Assert.That(outside.Output, Does.Contain("builder.Build().Run();").And.Contain("outside requests"));
    }

    [Test]
    public void Top_of_a_report_with_no_request_points_to_the_lines_outside_requests()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        report.Requests.Clear();
        report.Endpoints.Clear();
        report.Lines.Clear();
        report.Methods.Clear();
        report.RequestCount = 0;
        scratch.WriteReport("lineprof.json", report);

        var result = scratch.Lineprof("top", "lineprof.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain($"ran outside requests: lineprof top lineprof.json --outside"), result.Output);
    }

    [Test]
    public void Top_shows_control_characters_and_bidi_overrides_in_source_as_escapes()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        report.Lines[3].Source = "csv += x; \u001b]0;owned\u0007 \u202Eevil";
        scratch.WriteReport("lineprof.json", report);

        var result = scratch.Lineprof("top", "lineprof.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain(@"csv += x; \u001B]0;owned\u0007 \u202Eevil"));
        Assert.That(result.Output.Any(c => char.IsControl(c) && c != '\n'), Is.False, "nothing a terminal would act on");
    }

    [Test]
    public void Top_shows_a_statement_over_several_lines_on_one_line_and_csv_keeps_it_whole()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        const string query = "var article = await context.Articles\n        .Where(a => a.Slug == slug)\n        .FirstOrDefaultAsync();";
        report.Lines[3].Source = "    " + query;
        scratch.WriteReport("lineprof.json", report);

        var top = scratch.Lineprof("top", "lineprof.json", "-n", "0");
        var csv = scratch.Lineprof("top", "lineprof.json", "-n", "0", "--format", "csv");

        Assert.Multiple(() =>
        {
            Assert.That(top.ExitCode, Is.Zero, top.ToString());
            Assert.That(top.Output, Does.Contain("var article = await context.Articles.Where(a => a.Slug == slug).FirstOrDefaultAsync();"));
            Assert.That(top.Output, Does.Not.Contain("\\u000A"), "no escaped line break in the terminal");
            Assert.That(top.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2 + report.Lines.Count), "one row per line");
            Assert.That(csv.Output, Does.Contain("\"" + query + "\""), "scripts get the statement as it is");
        });
    }

    [Test]
    public void Export_csv_is_one_flat_table_of_lines_and_methods_with_raw_figures()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", Reports.App());

        var result = scratch.Lineprof("export", "lineprof.json", "--format", "csv", "-o", "lines.csv");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var rows = scratch.Read("lines.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(rows[0], Is.EqualTo("kind,line,hits,calls,timeNs,perHitNs,selfNs,timeErrorNs,counted,method,file,source"));
            Assert.That(rows, Has.Length.EqualTo(1 + 4 + 2));
            Assert.That(rows.Count(r => r.StartsWith("line,", StringComparison.Ordinal)), Is.EqualTo(4));
            Assert.That(rows.Count(r => r.StartsWith("method,", StringComparison.Ordinal)), Is.EqualTo(2));
            Assert.That(rows, Does.Contain("line,12,3,,9000,3000,9000,15,false,App.Services.CsvExporter.ToCsv,/src/App/Services/CsvExporter.cs,\"var csv = \"\"id,name\\n\"\";\""),
                "text with quotes and commas is quoted, quotes doubled");
            Assert.That(rows, Does.Contain("method,40,,10,40030000,4003000,40020000,,false,App.Controllers.OrdersController.Get,/src/App/Controllers/OrdersController.cs,"));
        });
    }

    [Test]
    public void Export_pprof_writes_a_gzipped_file_and_refuses_the_terminal()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", Reports.App());

        var toTerminal = scratch.Lineprof("export", "lineprof.json", "--format", "pprof");
        var toFile = scratch.Lineprof("export", "lineprof.json", "--format", "pprof", "-o", "lineprof.pb.gz");

        Lineprof.AssertUserError(toTerminal, "--format pprof writes a binary file", "-o FILE");
        Assert.That(toFile.ExitCode, Is.Zero, toFile.ToString());
        // What go tool pprof reads is checked in LineProf.Export.Tests; here, that the file is gzip as pprof expects.
        Assert.That(File.ReadAllBytes(scratch.PathOf("lineprof.pb.gz"))[..2], Is.EqualTo(new byte[] { 0x1f, 0x8b }));
    }

    [Test]
    public void Export_markdown_keeps_source_in_code_spans_and_escapes_pipes()
    {
        using var scratch = new Scratch();
        var report = Reports.App();
        report.Lines[1].Source = "return a || b; // <b>`x`</b>";
        scratch.WriteReport("lineprof.json", report);

        var result = scratch.Lineprof("export", "lineprof.json", "--format", "markdown");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("### Lines").And.Contain("### Methods"));
            Assert.That(result.Output, Does.Contain("| Line | Hits | Time | Per Hit | Self | Method | File | Source |"));
            Assert.That(result.Output, Does.Contain(@"``return a \|\| b; // <b>`x`</b>``"));
        });
    }
}
