using System.Text;

namespace LineProf.Tool.Tests;

/// <summary>Whatever file the tool is handed, it answers with one clear line and exit code 1, never a crash.</summary>
public class HostileInputTests
{
    private static readonly string s_report = LineProf.Reporting.ReportJson.Serialize(Reports.App());

    private static IEnumerable<TestCaseData> BadFiles()
    {
        yield return Case("truncated", s_report[..(s_report.Length / 2)], "truncated");
        yield return Case("truncated inside a string", s_report[..(s_report.IndexOf("FindAsync", StringComparison.Ordinal))], "truncated");
        yield return Case("a newer schema version", s_report.Replace("\"schemaVersion\":1", "\"schemaVersion\":7", StringComparison.Ordinal),
            "schemaVersion 7", "reads schema version 1", "dotnet tool update");
        yield return Case("no schema version", s_report.Replace("\"schemaVersion\":1,", "", StringComparison.Ordinal), "no schemaVersion");
        yield return Case("a schema version that is text", s_report.Replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\"", StringComparison.Ordinal),
            "schemaVersion that is not a version");
        yield return Case("0 bytes", "", "empty (0 bytes)");
        yield return Case("white space", " \n\t ", "only white space");
        yield return Case("a JSON array", "[" + s_report + "]", "holds a JSON array", "not a lineprof report");
        yield return Case("a JSON string", "\"lineprof\"", "holds a JSON string");
        yield return Case("not JSON", "<html><body>502 Bad Gateway</body></html>", "not valid JSON (line 1, byte 1");
        yield return Case("trailing text", s_report + "\n}", "not valid JSON (line 2, byte 1");
        yield return Case("text where a count belongs", s_report.Replace("\"hits\":10,", "\"hits\":\"ten\",", StringComparison.Ordinal),
            "$.lines[0].hits", "should be a whole number");
        yield return Case("a count beyond 64 bits", s_report.Replace("\"hits\":10,", "\"hits\":1e400,", StringComparison.Ordinal),
            "$.lines[0].hits", "should be a whole number");
        yield return Case("a null line", s_report.Replace("\"lines\":[{\"file\":\"/src/App/Controllers", "\"lines\":[null,{\"file\":\"/src/App/Controllers", StringComparison.Ordinal),
            "null at $.requests[0].lines[0]");
        yield return Case("a warm-up mark that is text", s_report.Replace("\"id\":\"r0\",", "\"id\":\"r0\",\"warmUp\":\"yes\",", StringComparison.Ordinal),
            "$.requests[0].warmUp", "should be true or false");
        yield return Case("a null assembly name", s_report.Replace("\"assemblies\":[]", "\"assemblies\":[null]", StringComparison.Ordinal),
            "null at $.assemblies[0]");
        yield return Case("a null list", s_report.Replace("\"outsideRequests\":{\"lines\":[", "\"outsideRequests\":{\"lines\":null,\"x\":[", StringComparison.Ordinal),
            "null at $.outsideRequests.lines");
        yield return Case("an object where a list belongs", s_report.Replace("\"endpoints\":[", "\"endpoints\":{\"x\":[", StringComparison.Ordinal)
                .Replace("],\"outsideRequests\"", "]},\"outsideRequests\"", StringComparison.Ordinal),
            "$.endpoints", "should be a JSON array");
        yield return Case("an unpaired surrogate escape", s_report.Replace("return Ok(order);", "return \\ud800;", StringComparison.Ordinal),
            "$.lines[1].source", "valid Unicode");
        yield return Case("nesting deeper than any report", "{\"schemaVersion\":1,\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}",
            "maximum configured depth");
        yield return new TestCaseData(InvalidUtf8(), new[] { "$.lines[1].source", "valid Unicode" }).SetArgDisplayNames("invalid UTF-8");
    }

    /// <summary>The report with the bytes of an "é" in a source line replaced by bytes that are not UTF-8.</summary>
    private static byte[] InvalidUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(s_report.Replace("return Ok(order);", "return é;", StringComparison.Ordinal));
        int at = bytes.AsSpan().IndexOf("é"u8);
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;
        return bytes;
    }

    [TestCaseSource(nameof(BadFiles))]
    public void A_bad_file_gets_one_clear_line_and_exit_code_1(byte[] content, string[] fragments)
    {
        using var scratch = new Scratch();
        scratch.WriteBytes("bad.json", content);

        foreach (var command in new[] { new[] { "top", "bad.json" }, new[] { "render", "bad.json" }, new[] { "diff", "bad.json", "bad.json" } })
        {
            var result = scratch.Lineprof(command);
            Lineprof.AssertUserError(result, ["bad.json", .. fragments]);
            Assert.That(result.Output, Is.Empty, "nothing on standard output");
        }

        Assert.That(File.Exists(scratch.PathOf("bad.html")), Is.False, "no page for a bad file");
    }

    [Test]
    public void A_file_over_the_size_limit_is_refused_unless_max_size_raises_it()
    {
        using var scratch = new Scratch();
        using (var huge = File.Create(scratch.PathOf("huge.json")))
            huge.SetLength(101L << 20); // sparse: costs no disk, and the tool must refuse it before reading a byte
        scratch.WriteText("padded.json", s_report + new string(' ', 4096));

        Lineprof.AssertUserError(scratch.Lineprof("top", "huge.json"), "huge.json", "101 MB", "100 MB", "--max-size 102MB");
        Lineprof.AssertUserError(scratch.Lineprof("top", "padded.json", "--max-size", "4KB"), "padded.json", "--max-size");
        Assert.That(scratch.Lineprof("top", "padded.json", "--max-size", "1MB").ExitCode, Is.Zero);
        Lineprof.AssertUserError(scratch.Lineprof("top", "padded.json", "--max-size", "lots"), "--max-size", "lots");
    }

    [Test]
    public void Files_that_are_not_there_or_not_files_get_clear_errors()
    {
        using var scratch = new Scratch();
        Directory.CreateDirectory(scratch.PathOf("folder.json"));
        scratch.WriteReport("lineprof.json", Reports.App());

        Lineprof.AssertUserError(scratch.Lineprof("top", "missing.json"), "missing.json does not exist");
        Lineprof.AssertUserError(scratch.Lineprof("top", "folder.json"), "folder.json is a folder");
        Lineprof.AssertUserError(scratch.Lineprof("render", "lineprof.json", "-o", "no/such/folder/page.html"), "its folder does not exist");
    }

    [Test]
    public void Usage_mistakes_get_clear_errors()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("lineprof.json", Reports.App());

        Lineprof.AssertUserError(scratch.Lineprof("profile", "lineprof.json"), "unknown command 'profile'");
        Lineprof.AssertUserError(scratch.Lineprof("top", "lineprof.json", "--colour"), "unknown option --colour");
        Lineprof.AssertUserError(scratch.Lineprof("top", "lineprof.json", "-n"), "-n", "needs a value");
        Lineprof.AssertUserError(scratch.Lineprof("top", "lineprof.json", "-n", "many"), "--count");
        Lineprof.AssertUserError(scratch.Lineprof("top", "lineprof.json", "--by", "speed"), "--by must be one of self, time, hits");
        Lineprof.AssertUserError(scratch.Lineprof("merge", "lineprof.json", "lineprof.json"), "needs -o");
        Lineprof.AssertUserError(scratch.Lineprof("diff", "lineprof.json"), "two lineprof.json files");
        Assert.That(scratch.Lineprof().ExitCode, Is.EqualTo(1), "no command: usage and exit code 1");
        Assert.That(scratch.Lineprof("diff", "--help").Output, Does.Contain("--fail-if-slower PERCENT"));
    }

    private static TestCaseData Case(string name, string content, params string[] fragments) =>
        new TestCaseData(Encoding.UTF8.GetBytes(content), fragments).SetArgDisplayNames(name);
}
