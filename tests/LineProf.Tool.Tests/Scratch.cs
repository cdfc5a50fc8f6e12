using System.Text;
using LineProf.Reporting;

namespace LineProf.Tool.Tests;

/// <summary>A temporary folder for one test's reports and outputs; deleted afterwards.</summary>
public sealed class Scratch : IDisposable
{
    public Scratch()
    {
        Root = Path.Combine(Path.GetTempPath(), "lineprof-tool-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes the report as the runtime writes lineprof.json, and returns the file's name.</summary>
    public string WriteReport(string name, ProfileReport report) => WriteText(name, ReportJson.Serialize(report));

    public string WriteText(string name, string text) => WriteBytes(name, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string name, byte[] bytes)
    {
        File.WriteAllBytes(PathOf(name), bytes);
        return name;
    }

    public string Read(string name) => File.ReadAllText(PathOf(name), Encoding.UTF8);

    public ToolResult Lineprof(params string[] arguments) => Tests.Lineprof.Run(Root, arguments);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }
    }
}
