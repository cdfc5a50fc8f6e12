using LineProf.Testing;

namespace LineProf.Browser.Tests;

/// <summary>
/// tests/Apps/ReportApp built once for all fixtures (a build takes a minute here), from the packed LineProf package
/// with LineProfile=true; each fixture serves it on its own.
/// </summary>
[SetUpFixture]
public sealed class ReportApp
{
    private static Sandbox? s_sandbox;

    /// <summary>The built app's assembly; builds it on first use.</summary>
    public static string AssemblyPath { get; private set; } = "";

    /// <summary>The app's Program.cs as built, for its MARK: comments.</summary>
    public static string Program => s_sandbox!.PathOf("app", "Program.cs");

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        s_sandbox = Sandbox.Create("report-app");
        s_sandbox.CopyFromRepository("tests/Apps/ReportApp", "app");
        s_sandbox.Build("app/ReportApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");
        AssemblyPath = s_sandbox.PathOf("app", "bin", "Release", "net10.0", "ReportApp.dll");
    }

    [OneTimeTearDown]
    public void CleanUp() => s_sandbox?.Dispose();

    /// <summary>Serves the app with its reports written to <paramref name="output"/>.</summary>
    public static Task<WebApp> StartAsync(string output, IDictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?> { ["LINEPROF_OUTPUT"] = output };
        foreach (var pair in environment ?? new Dictionary<string, string?>()) env[pair.Key] = pair.Value;
        return WebApp.StartAsync(AssemblyPath, env);
    }

    /// <summary>A folder for one fixture's reports and screenshots, under the test's work directory.</summary>
    public static string OutputFolder(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "lineprof-browser", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
