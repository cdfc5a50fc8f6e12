using System.Reflection;

namespace LineProf.Tool;

/// <summary>The tool's package version, as users see it in <c>dotnet tool list</c>.</summary>
public static class ToolVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var version = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        // The SDK appends "+<commit>" for source link; the package version is what comes before it.
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
