using LineProf.Reporting;

namespace LineProf.Tool.Analysis;

/// <summary>
/// Which app a report is of: its woven assemblies, which the runtime names in the report. A report written before it
/// did is known by its methods' names instead, which (unlike file paths) do not depend on where the app was built.
/// </summary>
public static class AppIdentity
{
    /// <summary>"CatalogApi", or "methods such as App.Orders.Get" for a report that does not name its assemblies.</summary>
    public static string Describe(ProfileReport report) => report.Assemblies.Count > 0
        ? string.Join(", ", report.Assemblies)
        : report.Methods.Count > 0 ? "methods such as " + report.Methods.Select(m => m.Method).Order(StringComparer.Ordinal).First() : "no methods";

    /// <summary>
    /// True when the two reports can be of one app: they share a woven assembly, or (when either does not name its
    /// assemblies) a method. An app with an assembly added or removed between builds still shares the others.
    /// </summary>
    public static bool SameApp(ProfileReport a, ProfileReport b)
    {
        if (a.Assemblies.Count > 0 && b.Assemblies.Count > 0) return a.Assemblies.Intersect(b.Assemblies, StringComparer.Ordinal).Any();
        var methods = Methods(a);
        return methods.Count == 0 || Methods(b) is var other && (other.Count == 0 || methods.Overlaps(other));
    }

    private static HashSet<string> Methods(ProfileReport report) =>
        report.Methods.Concat(report.OutsideRequests.Methods).Select(m => ReportDiff.Unplaced(m.Method)).ToHashSet(StringComparer.Ordinal);
}
