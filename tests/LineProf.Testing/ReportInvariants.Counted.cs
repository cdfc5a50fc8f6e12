using LineProf.Reporting;

namespace LineProf.Testing;

/// <summary>
/// Small members that are counted, not timed (<c>counted</c> on lines and methods): their hits and calls are exact and
/// their time is the calling line's, so wherever they appear they read no time of their own; a counted method's lines
/// are all counted; and the page marks exactly the lines lineprof.json marks, so it can say "in caller" instead of a
/// time that reads as free.
/// </summary>
public static partial class ReportInvariants
{
    private static void CountedMembersHaveNoTime(ProfileReport report, PageFigures page, List<string> found)
    {
        var scopes = new List<(string Name, IEnumerable<(LineKey Key, bool Counted, long TimeNs, long SelfNs)> Lines, List<MethodReport> Methods)>
        {
            ("totals", report.Lines.Select(l => (Key(l), l.Counted, l.TimeNs, l.SelfNs)), report.Methods),
            ("outside requests", report.OutsideRequests.Lines.Select(l => (Key(l), l.Counted, l.TimeNs, l.SelfNs)), report.OutsideRequests.Methods),
        };
        scopes.AddRange(report.Endpoints.Select(e => ("endpoint " + e.Name, e.Lines.Select(l => (Key(l), l.Counted, l.TimeNs, l.SelfNs)), e.Methods)));
        scopes.AddRange(report.Requests.Select(r => (Describe(r), r.Lines.Select(l => (Key(l), l.Counted, l.TimeNs, l.SelfNs)), r.Methods)));

        var countedInJson = new HashSet<LineKey>();
        foreach (var (name, lines, methods) in scopes)
        {
            var list = lines.ToList();
            foreach (var line in list.Where(l => l.Counted))
            {
                countedInJson.Add(line.Key);
                if (line.TimeNs != 0 || line.SelfNs != 0)
                    found.Add($"[counted members have no time] {name} line {line.Key}: counted, yet timeNs {line.TimeNs:N0} and selfNs {line.SelfNs:N0}");
            }

            foreach (var method in methods.Where(m => m.Counted))
            {
                if (method.TimeNs != 0 || method.SelfNs != 0)
                    found.Add($"[counted members have no time] {name} method {method.Method}: counted, yet timeNs {method.TimeNs:N0} and selfNs {method.SelfNs:N0}");
                foreach (var line in list.Where(l => l.Key.Method == method.Method && l.Key.File == method.File && !l.Counted))
                    found.Add($"[counted members have no time] {name} method {method.Method} is counted, its line {line.Key} is timed");
            }
        }

        foreach (var key in countedInJson.Where(k => !page.Counted.Contains(k)))
            found.Add($"[page shows the JSON's figures] line {key} is counted in lineprof.json, timed on the page");
        foreach (var key in page.Counted.Where(k => !countedInJson.Contains(k)))
            found.Add($"[page shows the JSON's figures] line {key} is counted on the page, timed in lineprof.json");
    }
}
