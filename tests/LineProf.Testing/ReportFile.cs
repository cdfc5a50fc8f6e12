using System.Text.Json;
using LineProf.Reporting;

namespace LineProf.Testing;

/// <summary>
/// Reads lineprof.json into LineProf's own report model, so a test also checks the file matches it, and checks the
/// report's invariants (<see cref="ReportInvariants"/>) on every report a test reads: a broken one fails the test,
/// which still runs its own assertions.
/// </summary>
public static class ReportFile
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the report and checks it, against the lineprof.html beside it when there is one.</summary>
    public static ProfileReport Load(string path)
    {
        var report = Deserialize(File.ReadAllText(path), path);
        var page = Path.Combine(Path.GetDirectoryName(path) ?? "", "lineprof.html");
        ReportInvariants.Record(report, File.Exists(page) ? File.ReadAllText(page) : null);
        return report;
    }

    /// <summary>Reads a report (from the live API, say) and checks it.</summary>
    public static ProfileReport Parse(string json)
    {
        var report = Deserialize(json, "the JSON");
        ReportInvariants.Record(report);
        return report;
    }

    /// <summary>
    /// Reads the report without checking it, for a fixture that checks the invariants in a test of its own, so a
    /// broken invariant fails that test and leaves the fixture's other tests their own verdicts.
    /// </summary>
    public static ProfileReport Read(string path) => Deserialize(File.ReadAllText(path), path);

    /// <summary>As <see cref="Read"/>, from JSON text (the live API's answer, say).</summary>
    public static ProfileReport ReadJson(string json) => Deserialize(json, "the JSON");

    private static ProfileReport Deserialize(string json, string source) =>
        JsonSerializer.Deserialize<ProfileReport>(json, s_options) ?? throw new InvalidDataException(source + " holds no report");
}
