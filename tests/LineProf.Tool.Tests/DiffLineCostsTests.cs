namespace LineProf.Tool.Tests;

/// <summary><c>lineprof diff</c> shows bytes allocated per request beside the times, where both reports counted them.</summary>
public class DiffLineCostsTests
{
    [Test]
    public void Diff_shows_bytes_per_request_before_and_after_when_both_reports_counted_them()
    {
        using var scratch = new Scratch();
        var after = MergeLineCostsTests.WholeWithCosts("b", requests: 4);
        after.Lines.Single(l => l.Line == 43).SelfAllocBytes = after.Lines.Single(l => l.Line == 43).AllocBytes = 4 * 2_000_000;
        scratch.WriteReport("before.json", MergeLineCostsTests.WholeWithCosts("a", requests: 7));
        scratch.WriteReport("after.json", after);

        var result = scratch.Lineprof("diff", "before.json", "after.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var rows = result.Output.Split('\n');
        var methodsHeader = rows.First(r => r.Contains("Calls before", StringComparison.Ordinal));
        var returnLine = rows.Single(r => r.Contains("return Ok(order);", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(methodsHeader, Does.Contain("Alloc/req before").And.Contain("Alloc/req after"));
            Assert.That(returnLine, Does.Match(@"\s200\s+2,000,000\s"), "the line's own bytes per request: 1,400 / 7 before, 8,000,000 / 4 after");
        });
    }

    [Test]
    public void Diff_shows_no_bytes_when_one_report_did_not_count_them()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("before.json", Reports.Whole("a", requests: 7));
        scratch.WriteReport("after.json", MergeLineCostsTests.WholeWithCosts("b", requests: 4));

        var result = scratch.Lineprof("diff", "before.json", "after.json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("Alloc"));
    }
}
