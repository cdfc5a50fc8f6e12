using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using LineProf.Reporting;

namespace LineProf.Tool.Reading;

/// <summary>
/// Which retained requests the runtime marked as warm-up (<c>requests[].warmUp: true</c>): a process's first requests,
/// which pay for JIT compilation and first-call set-up, and which a comparison of two runs leaves out.
/// </summary>
/// <remarks>
/// Read while the report is read, through the serializer's contract rather than the runtime's model, so the tool
/// reads the mark whether or not the model it was built with has the field: a model with it keeps its value as well.
/// </remarks>
public static class WarmUpRequests
{
    private const string JsonName = "warmUp";

    private static readonly ConditionalWeakTable<RequestReport, object> s_marked = new();

    public static bool IsWarmUp(RequestReport request) => s_marked.TryGetValue(request, out _);

    /// <summary>A contract modifier that records the mark of each request read.</summary>
    public static void ReadMark(JsonTypeInfo type)
    {
        if (type.Type != typeof(RequestReport)) return;
        var existing = type.Properties.FirstOrDefault(p => p.Name == JsonName);
        if (existing?.Set is { } set)
        {
            existing.Set = (request, value) =>
            {
                set(request, value);
                Record(request, value);
            };
            return;
        }

        if (existing != null) return;
        var mark = type.CreateJsonPropertyInfo(typeof(bool?), JsonName);
        mark.Set = Record;
        type.Properties.Add(mark);
    }

    private static void Record(object request, object? value)
    {
        if (value is true) s_marked.AddOrUpdate((RequestReport)request, JsonName);
    }
}
