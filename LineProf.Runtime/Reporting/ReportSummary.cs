using System.Globalization;
using System.Linq;

namespace LineProf.Reporting
{
    /// <summary>The one line a log gets at shutdown: where the report is and which line to look at first.</summary>
    internal static class ReportSummary
    {
        internal static string Describe(ProfileReport report, string htmlPath)
        {
            var summary = $"LineProf report: {htmlPath} ({report.RequestCount.ToString(CultureInfo.InvariantCulture)} requests profiled).";
            var hottest = report.Lines.OrderByDescending(l => l.SelfNs).FirstOrDefault();
            if (hottest == null || hottest.SelfNs == 0) return summary;
            return summary + $" Hottest line by self time: {hottest.File}:{hottest.Line.ToString(CultureInfo.InvariantCulture)} " +
                $"in {hottest.Method}, {Milliseconds(hottest.SelfNs)} ms over {hottest.Hits.ToString(CultureInfo.InvariantCulture)} hits: " +
                hottest.Source.Trim();
        }

        private static string Milliseconds(long nanoseconds) =>
            (nanoseconds / 1e6).ToString(nanoseconds < 10_000_000 ? "0.00" : "0", CultureInfo.InvariantCulture);
    }
}
