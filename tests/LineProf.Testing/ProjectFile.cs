using System.Security;
using System.Text;

namespace LineProf.Testing;

/// <summary>
/// A project file as a test writes one into a <see cref="Sandbox"/>: SDK-style, for net10.0, with only what the test
/// says it needs (woven by this checkout's LineProf package, an NUnit test project, a package or project reference),
/// so each test states what is particular to its app and not the boilerplate around it.
/// </summary>
public sealed class ProjectFile
{
    private readonly string _sdk;
    private readonly List<(string Name, string Value)> _properties = [("TargetFramework", "net10.0")];
    private readonly List<string> _items = [];

    private ProjectFile(string sdk) => _sdk = sdk;

    /// <summary>An ASP.NET Core app (Microsoft.NET.Sdk.Web), implicit usings on, as the SDK's templates make it.</summary>
    public static ProjectFile Web() => new ProjectFile("Microsoft.NET.Sdk.Web").Property("ImplicitUsings", "enable");

    /// <summary>A library, a console app or a test project (Microsoft.NET.Sdk).</summary>
    public static ProjectFile Plain() => new("Microsoft.NET.Sdk");

    /// <summary>Woven and profiled: <c>LineProfile</c> true and the LineProf package packed from this checkout.</summary>
    public ProjectFile Profiled() => Property("LineProfile", "true").Package("LineProf", Repository.Version);

    /// <summary>An NUnit test project that <c>dotnet test</c> runs with VSTest, on the test packages this repository uses.</summary>
    public ProjectFile NUnitTests() =>
        Package("Microsoft.NET.Test.Sdk", "18.11.0").Package("NUnit", "4.6.1").Package("NUnit3TestAdapter", "6.3.1");

    public ProjectFile Property(string name, string value)
    {
        _properties.Add((name, value));
        return this;
    }

    public ProjectFile Package(string id, string version)
    {
        _items.Add($"<PackageReference Include=\"{Escape(id)}\" Version=\"{Escape(version)}\" />");
        return this;
    }

    /// <summary>A reference to another project of the sandbox, by its path relative to this project's folder.</summary>
    public ProjectFile Reference(string relativePath)
    {
        _items.Add($"<ProjectReference Include=\"{Escape(relativePath)}\" />");
        return this;
    }

    public override string ToString()
    {
        var xml = new StringBuilder($"<Project Sdk=\"{_sdk}\">\n  <PropertyGroup>\n");
        foreach (var (name, value) in _properties) xml.Append($"    <{name}>{Escape(value)}</{name}>\n");
        xml.Append("  </PropertyGroup>\n");
        if (_items.Count > 0)
        {
            xml.Append("  <ItemGroup>\n");
            foreach (var item in _items) xml.Append("    ").Append(item).Append('\n');
            xml.Append("  </ItemGroup>\n");
        }

        return xml.Append("</Project>\n").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
