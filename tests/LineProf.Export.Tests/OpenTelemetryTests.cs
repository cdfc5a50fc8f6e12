using System.Net;
using System.Text.Json;
using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Export.Tests;

/// <summary>
/// A woven app traced by the real OpenTelemetry SDK (ASP.NET Core instrumentation, in-memory exporter): each
/// profiled request records its server span's W3C ids, and the span, as exported, carries LineProf's request id and
/// the request's hottest line, so a slow trace leads to its lines.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OpenTelemetryTests
{
    private Sandbox _sandbox = null!;
    private string _program = null!;
    private ProfileReport _live = null!;
    private ProfileReport _written = null!;
    private string _html = null!;
    private List<ExportedSpan> _spans = null!;

    private sealed record ExportedSpan(string TraceId, string SpanId, string? Path, Dictionary<string, string?> Tags);

    [OneTimeSetUp]
    public async Task BuildServeAndTrace()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("otel");
        _sandbox.CopyFromRepository("tests/Apps/TracedApp", "app");
        _program = _sandbox.PathOf("app", "Program.cs");
        _sandbox.Build("app/TracedApp.csproj", "-c", "Release", "-p:LineProfile=true", $"-p:LineProfVersion={Repository.Version}");

        await using var app = await WebApp.StartAsync(_sandbox.PathOf("app", "bin", "Release", "net10.0", "TracedApp.dll"));
        for (int i = 0; i < 3; i++) Assert.That((await app.GetAsync("/work?n=1000")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The SDK exports a server span when the hosting layer stops it, just after the response: wait until all three are in.
        while (true)
        {
            var response = await app.GetAsync("/spans");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var spans = JsonSerializer.Deserialize<List<ExportedSpan>>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
                if (spans.Count(s => s.Path == "/work") == 3)
                {
                    _spans = spans.Where(s => s.Path == "/work").ToList();
                    break;
                }
            }

            await Task.Delay(50); // polling the app for an event it has no way to announce; the fixture's timeout bounds it
        }

        _live = ReportFile.Parse(await (await app.GetAsync("/_lineprof/api/report")).Content.ReadAsStringAsync());
        _html = await (await app.GetAsync("/_lineprof")).Content.ReadAsStringAsync();
        Assert.That(await app.StopAsync(), Is.EqualTo(0), app.Output);
        _written = ReportFile.Load(_sandbox.PathOf("app", "bin", "Release", "net10.0", "lineprof", "lineprof.json"));
    }

    [OneTimeTearDown]
    public void CleanUp() => _sandbox?.Dispose();

    private List<RequestReport> Work(ProfileReport report) => report.Requests.Where(r => r.Path == "/work").ToList();

    [Test]
    public void Each_profiled_request_records_the_W3C_ids_of_its_exported_server_span()
    {
        foreach (var report in new[] { _live, _written })
        {
            var requests = Work(report);
            Assert.That(requests, Has.Count.EqualTo(3));
            Assert.That(requests.Select(r => (r.TraceId, r.SpanId)), Is.EquivalentTo(_spans.Select(s => ((string?)s.TraceId, (string?)s.SpanId))));
        }
    }

    [Test]
    public void Each_server_span_carries_the_LineProf_request_id_and_the_hot_line_with_its_self_time()
    {
        int hot = SourceMarkers.LineOf(_program, "hot");
        foreach (var span in _spans)
        {
            var request = Work(_written).Single(r => r.TraceId == span.TraceId);
            var hottest = request.Lines.MaxBy(l => l.SelfNs)!;
            Assert.Multiple(() =>
            {
                Assert.That(span.Tags["lineprof.request_id"], Is.EqualTo(request.Id));
                Assert.That(span.Tags["lineprof.hot_line"], Is.EqualTo($"{hottest.File}:{hot}"));
                Assert.That(hottest.Line, Is.EqualTo(hot), "Thread.Sleep(50) is the request's hottest line");
                Assert.That(span.Tags["lineprof.hot_line.method"], Is.EqualTo(hottest.Method));
                Assert.That(long.Parse(span.Tags["lineprof.hot_line.self_ns"]!), Is.EqualTo(hottest.SelfNs), "the span and the report give the same figure");
            });
        }
    }

    [Test]
    public void The_page_carries_each_requests_trace_id_for_its_search()
    {
        foreach (var request in Work(_live)) Assert.That(_html, Does.Contain(request.TraceId));
    }
}
