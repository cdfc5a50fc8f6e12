using LineProf.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LineProf.Units.Tests;

/// <summary>
/// A SignalR hub called by the real .NET SignalR client over one WebSocket: each invocation is a unit of work of its
/// own ("hub", "ChatHub.Send") with its exact lines, on the live page while the connection is still open, instead of
/// being charged to the connection's request, which lasts until the client leaves.
/// </summary>
[TestFixture]
public sealed class HubInvocationTests
{
    private const int Calls = 10;
    private const int Loops = 7;

    private Sandbox _sandbox = null!;
    private LineProf.Reporting.ProfileReport _live = null!;
    private LineProf.Reporting.ProfileReport _final = null!;

    [OneTimeSetUp]
    public async Task CallTheHub()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("signalr-hub");
        _sandbox.Write("App/App.csproj", ProjectFile.Web().Profiled());
        _sandbox.Write("App/Program.cs", """
            using Microsoft.AspNetCore.SignalR;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSignalR();
            var app = builder.Build();
            app.MapHub<ChatHub>("/chat");
            app.Run();

            public class ChatHub : Hub
            {
                public async Task<int> Send(int n)
                {
                    int sum = 0;
                    for (int i = 0; i < n; i++)
                        sum += i;
                    await Task.Yield();
                    return sum;
                }
            }
            """);
        _sandbox.Build("App/App.csproj", "-c", "Release");

        // Only the slowest requests are kept, so what is kept says what counts as slow.
        var environment = new Dictionary<string, string?> { ["LineProf__RecentRequests"] = "0" };
        await using var app = await WebApp.StartAsync(_sandbox.PathOf("App", "bin", "Release", "net10.0", "App.dll"), environment);
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, "chat")).Build();
        await connection.StartAsync();
        for (int i = 0; i < Calls; i++) Assert.That(await connection.InvokeAsync<int>("Send", Loops), Is.EqualTo(21));
        _live = ReportFile.Parse(await (await app.GetAsync("/_lineprof/api/report")).Content.ReadAsStringAsync());
        await connection.DisposeAsync();
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
        _final = ReportFile.Load(_sandbox.PathOf("App", "bin", "Release", "net10.0", "lineprof", "lineprof.json"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    private static long LoopHits(LineProf.Reporting.RequestReport unit) =>
        unit.Lines.Where(l => l.File.EndsWith("Program.cs", StringComparison.Ordinal) && l.Line == 15).Sum(l => l.Hits);

    [Test]
    public void Each_invocation_is_a_hub_unit_with_its_exact_lines()
    {
        var units = _final.Requests.Where(r => r.Kind == "hub").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(units, Has.Count.EqualTo(Calls));
            Assert.That(units.Select(u => u.Name), Is.All.EqualTo("ChatHub.Send"));
            Assert.That(units.Select(LoopHits), Is.All.EqualTo(Loops));
            Assert.That(_final.Endpoints.Single(e => e.Name == "hub ChatHub.Send").Count, Is.EqualTo(Calls));
        });
    }

    [Test]
    public void The_invocations_are_on_the_live_page_while_the_connection_is_open()
    {
        Assert.That(_live.Requests.Count(r => r.Kind == "hub" && r.Name == "ChatHub.Send"), Is.EqualTo(Calls));
    }

    [Test]
    public void The_connections_request_holds_none_of_the_invocations_lines_and_is_not_kept_among_the_slowest()
    {
        var connection = _final.Endpoints.Single(e => e.Name == "GET /chat");
        Assert.Multiple(() =>
        {
            Assert.That(connection.Count, Is.EqualTo(1), "the connection is counted");
            Assert.That(connection.Lines.Where(l => l.File.EndsWith("Program.cs", StringComparison.Ordinal) && l.Line == 15).Sum(l => l.Hits), Is.Zero);
            Assert.That(_final.Requests.Where(r => r.Path == "/chat"), Is.Empty, "it lasted as long as the client stayed, which says nothing of speed");
        });
    }
}
