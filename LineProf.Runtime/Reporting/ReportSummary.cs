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
            var hottest = Hottest(report.Lines);
            if (hottest != null) return summary + " Hottest line by self time: " + Describe(hottest);

            // An app that served no request (a worker, a test run of a library) did its work outside requests.
            var outside = Hottest(report.OutsideRequests.Lines);
            return outside == null ? summary : summary + " Hottest line outside requests by self time: " + Describe(outside);
        }

        private static LineReport? Hottest(System.Collections.Generic.List<LineReport> lines)
        {
            var hottest = lines.OrderByDescending(l => l.SelfNs).FirstOrDefault();
            return hottest == null || hottest.SelfNs == 0 ? null : hottest;
        }

        private static string Describe(LineReport line) =>
            $"{line.File}:{line.Line.ToString(CultureInfo.InvariantCulture)} in {line.Method}, {Milliseconds(line.SelfNs)} ms over " +
            $"{line.Hits.ToString(CultureInfo.InvariantCulture)} hits: " + line.Source.Trim();

        private static string Milliseconds(long nanoseconds) =>
            (nanoseconds / 1e6).ToString(nanoseconds < 10_000_000 ? "0.00" : "0", CultureInfo.InvariantCulture);
    }
}
