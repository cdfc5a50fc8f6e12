using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

/// <summary>
/// Real reports of the sample app (samples/CatalogApi), built from the packed LineProf package in two folders, as two
/// checkouts would be: two runs of the first build (identical workloads) and one of the second; and a run of a third
/// build with LineProfileTimeSmallMembers=true, which times the small members the others count. The apps run side by
/// side and get their requests in turns, so a change in the machine's load falls on all of them alike.
/// </summary>
public sealed class SampleAppRuns : IDisposable
{
    private const int Rounds = 7;

    private static readonly string[] s_requests =
        ["/products?category=Books", "/products/{0}", "/orders/{0}", "/pricelist/Garden", "/export/catalog.csv"];

    private readonly Sandbox _sandbox;

    private SampleAppRuns(Sandbox sandbox)
    {
        _sandbox = sandbox;
    }

    /// <summary>The first checkout's folder and the second's: the sample's files are in CatalogApi/ below them.</summary>
    public string FirstCheckout => _sandbox.PathOf("one") + "/";

    public string SecondCheckout => _sandbox.PathOf("two") + "/";

    /// <summary>The first build's first run, its second run (the same workload), and the second build's run.</summary>
    public string FirstRun => _sandbox.PathOf("runs", "first", "lineprof.json");

    public string SecondRun => _sandbox.PathOf("runs", "second", "lineprof.json");

    public string OtherCheckoutRun => _sandbox.PathOf("runs", "other", "lineprof.json");

    /// <summary>The build that times small members (LineProfileTimeSmallMembers=true), in a checkout of its own.</summary>
    public string TimedSmallMembersRun => _sandbox.PathOf("runs", "timed", "lineprof.json");

    public static async Task<SampleAppRuns> CreateAsync()
    {
        Repository.RequirePackage("LineProf");
        var runs = new SampleAppRuns(Sandbox.Create("sample-runs"));
        var sandbox = runs._sandbox;
        foreach (var checkout in new[] { "one", "two", "timed" })
        {
            sandbox.CopyFromRepository("samples/CatalogApi", Path.Combine(checkout, "CatalogApi"));
            sandbox.Build($"{checkout}/CatalogApi/CatalogApi.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}",
                "-p:LineProfileTimeSmallMembers=" + (checkout == "timed" ? "true" : "false"));
        }

        var apps = new List<WebApp>();
        try
        {
            foreach (var (checkout, run) in new[] { ("one", "first"), ("one", "second"), ("two", "other"), ("timed", "timed") })
            {
                apps.Add(await WebApp.StartAsync(sandbox.PathOf(checkout, "CatalogApi", "bin", "Release", "net10.0", "CatalogApi.dll"),
                    new Dictionary<string, string?> { ["LINEPROF_OUTPUT"] = sandbox.PathOf("runs", run) }));
            }

            for (int round = 0; round < Rounds; round++)
            {
                foreach (var request in s_requests)
                {
                    // Each app goes first in turn, so none is always the one a cold cache or a busy moment hits.
                    for (int i = 0; i < apps.Count; i++)
                    {
                        var app = apps[(i + round) % apps.Count];
                        using var response = await app.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, request, round + 1));
                        Assert.That((int)response.StatusCode, Is.EqualTo(200), request);
                    }
                }
            }

            foreach (var app in apps) Assert.That(await app.StopAsync(), Is.Zero, app.Output);
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }

        return runs;
    }

    /// <summary>Reads a run's report and checks its invariants.</summary>
    public static ProfileReport Load(string path) => ReportFile.Load(path);

    public void Dispose() => _sandbox.Dispose();
}
