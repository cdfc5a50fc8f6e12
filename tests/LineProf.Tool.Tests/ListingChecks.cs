using LineProf.Reporting;

namespace LineProf.Tool.Tests;

/// <summary>What a listing of 'lineprof show' must say of a method, worked out from the report's JSON on its own.</summary>
public static class ListingChecks
{
    /// <summary>
    /// The method's lines in order, each shown row with the line's hits, time, per hit, share of the method's time
    /// (its own figure, else its lines' sum), self time and source.
    /// </summary>
    public static void LinesEqualTheReport(ShownMethod shown, IEnumerable<LineReport> lines, IEnumerable<MethodReport> methods)
    {
        var expected = lines.Where(l => l.Method == shown.Method).OrderBy(l => l.Line).ToList();
        var own = methods.Where(m => m.Method == shown.Method).ToList();
        double methodTime = own.Count > 0 ? own.Sum(m => m.TimeNs) : expected.Sum(l => l.TimeNs);
        var rows = shown.Lines.ToList();
        Assert.That(rows.Select(r => r.Line), Is.SubsetOf(expected.Select(l => (int?)l.Line)), shown.Method);
        foreach (var row in rows)
        {
            var line = expected.Single(l => l.Line == row.Line);
            string at = $"{shown.Method} line {row.Line}";
            Assert.That(ShowListing.Count(row.Hits), Is.EqualTo(line.Hits), at + " hits");
            Assert.That(ShowListing.Shows(row.Time, line.TimeNs), Is.True, $"{at} time {row.Time} vs {line.TimeNs} ns");
            Assert.That(ShowListing.Shows(row.PerHit, (double)line.TimeNs / line.Hits), Is.True, $"{at} per hit {row.PerHit}");
            Assert.That(ShowListing.Shows(row.Self, line.SelfNs), Is.True, $"{at} self {row.Self} vs {line.SelfNs} ns");
            double percent = methodTime > 0 ? 100 * line.TimeNs / methodTime : 0;
            if (row.Percent == ">100") Assert.That(percent, Is.GreaterThanOrEqualTo(100.5), at);
            else Assert.That(double.Parse(row.Percent, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(percent).Within(0.05).Or.EqualTo(percent).Within(0.5).Percent, at + " % time");
            string firstLine = line.Source.Split('\n')[0].Trim();
            Assert.That(row.Source.Trim(), Does.StartWith(firstLine.Length > 40 ? firstLine[..40] : firstLine), at + " source");
        }
    }
}
