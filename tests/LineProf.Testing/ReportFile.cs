using System.Text.Json;
using LineProf.Reporting;

namespace LineProf.Testing;

/// <summary>Reads lineprof.json into LineProf's own report model, so a test also checks the file matches it.</summary>
public static class ReportFile
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static ProfileReport Load(string path) =>
        JsonSerializer.Deserialize<ProfileReport>(File.ReadAllText(path), s_options)
        ?? throw new InvalidDataException(path + " holds no report");

    public static ProfileReport Parse(string json) =>
        JsonSerializer.Deserialize<ProfileReport>(json, s_options) ?? throw new InvalidDataException("no report");
}
