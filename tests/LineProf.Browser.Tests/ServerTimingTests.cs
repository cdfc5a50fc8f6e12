using System.Text.RegularExpressions;
using LineProf.Testing;

namespace LineProf.Browser.Tests;

/// <summary>
/// A triggered request's Server-Timing header as the browser's dev tools get it: read from the DevTools protocol's
/// Network.responseReceived in headless Chromium, it names the slow line.
/// </summary>
[TestFixture]
public sealed partial class ServerTimingTests
{
    private const string Secret = "browser-trigger-secret-0123456789";

    [Test]
    public async Task The_dev_tools_see_the_slow_line_of_a_triggered_request_and_none_of_an_untriggered_one()
    {
        await using var app = await ReportApp.StartAsync(ReportApp.OutputFolder("server-timing"),
            new Dictionary<string, string?> { ["LINEPROF_TRIGGER_SECRET"] = Secret });
        await using var chromium = await Chromium.LaunchAsync();
        await using var watched = await chromium.NewPageAsync();
        var page = watched.Page;

        var session = await page.Context.NewCDPSessionAsync(page);
        var responses = new Dictionary<string, TaskCompletionSource<Dictionary<string, string>>>
        {
            ["plain"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["triggered"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        session.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is not { } json) return;
            var response = json.GetProperty("response");
            var url = response.GetProperty("url").GetString() ?? "";
            var headers = response.GetProperty("headers").EnumerateObject()
                .ToDictionary(h => h.Name, h => h.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
            var key = url.EndsWith("/slow?plain", StringComparison.Ordinal) ? "plain" : url.EndsWith("/slow?triggered", StringComparison.Ordinal) ? "triggered" : null;
            if (key != null) responses[key].TrySetResult(headers);
        };
        await session.SendAsync("Network.enable");

        await page.GotoAsync(new Uri(app.BaseAddress, "/slow?plain").ToString());
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-LineProf-Trigger"] = Secret });
        await page.GotoAsync(new Uri(app.BaseAddress, "/slow?triggered").ToString());

        var plain = await responses["plain"].Task.WaitAsync(TimeSpan.FromSeconds(60));
        var triggered = await responses["triggered"].Task.WaitAsync(TimeSpan.FromSeconds(60));
        int slowLine = SourceMarkers.LineOf(ReportApp.Program, "slow-sleep");
        var timing = triggered.GetValueOrDefault("Server-Timing") ?? "";
        var top = TopLine().Match(timing);
        Assert.Multiple(() =>
        {
            Assert.That(plain.ContainsKey("Server-Timing"), Is.False, "no trigger, no Server-Timing");
            Assert.That(top.Success, Is.True, "Server-Timing: " + timing);
            Assert.That(top.Groups["where"].Value, Is.EqualTo($"Program.cs:{slowLine}"), "the slow line is the top line");
            Assert.That(double.Parse(top.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(60), "it slept 60 ms");
            Assert.That(triggered.GetValueOrDefault("X-LineProf-Request"), Does.StartWith("/_lineprof#request/"));
        });
    }

    [GeneratedRegex(@"lineprof-1;dur=(?<ms>[0-9.]+);desc=""(?<where>[^""]+)""")]
    private static partial Regex TopLine();
}
