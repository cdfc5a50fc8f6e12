using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Tool.Tests;

/// <summary>gRPC calls' message counts (<c>messagesIn</c>, <c>messagesOut</c>) go through merge and render as the runtime wrote them.</summary>
public class MergeMessagesTests
{
    private const string Route = "/greet.Greeter/StreamGreetings";

    /// <summary>A whole report whose requests are server-streaming calls: one message in, <c>i + 1</c> out for the i-th.</summary>
    private static ProfileReport StreamingCalls(string prefix, int calls)
    {
        var report = Reports.Whole(prefix, calls);
        foreach (var request in report.Requests)
        {
            int i = int.Parse(request.Id[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
            (request.Method, request.Endpoint, request.MessagesIn, request.MessagesOut) = ("POST", Route, 1, i + 1);
        }

        var endpoint = report.Endpoints.Single();
        (endpoint.Name, endpoint.MessagesIn, endpoint.MessagesOut) = ("POST " + Route, calls, calls * (calls + 1) / 2);
        return report;
    }

    [Test]
    public void Merge_keeps_each_calls_messages_and_sums_them_per_method()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("a.json", StreamingCalls("a", 4));
        scratch.WriteReport("b.json", StreamingCalls("b", 3));

        var merge = scratch.Lineprof("merge", "a.json", "b.json", "-o", "lineprof.json");
        var render = scratch.Lineprof("render", "lineprof.json", "-o", "lineprof.html");

        Assert.That(merge.ExitCode, Is.Zero, merge.ToString());
        Assert.That(render.ExitCode, Is.Zero, render.ToString());
        // Checks every invariant, the messages on the rendered page included.
        var merged = ReportFile.Load(scratch.PathOf("lineprof.json"));
        Assert.Multiple(() =>
        {
            Assert.That(merged.Requests.Single(r => r.Id == "a3").MessagesOut, Is.EqualTo(4));
            Assert.That(merged.Requests.Select(r => r.MessagesIn), Is.All.EqualTo(1));
            Assert.That((merged.Endpoints.Single().MessagesIn, merged.Endpoints.Single().MessagesOut), Is.EqualTo(((long?)7, (long?)(10 + 6))));
        });
    }

    [Test]
    public void Merge_with_a_report_of_no_grpc_calls_sums_only_the_calls_that_have_messages()
    {
        using var scratch = new Scratch();
        scratch.WriteReport("calls.json", StreamingCalls("a", 2));
        var plain = Reports.Whole("b", 2);
        plain.Endpoints.Single().Name = "POST " + Route;
        foreach (var request in plain.Requests) (request.Method, request.Endpoint) = ("POST", Route);
        scratch.WriteReport("plain.json", plain);

        var merge = scratch.Lineprof("merge", "calls.json", "plain.json", "-o", "lineprof.json");

        Assert.That(merge.ExitCode, Is.Zero, merge.ToString());
        var merged = ReportFile.Load(scratch.PathOf("lineprof.json"));
        Assert.Multiple(() =>
        {
            Assert.That(merged.Requests.Where(r => r.Id.StartsWith('b')).Select(r => r.MessagesIn), Is.All.Null, "absent stays absent, not 0");
            Assert.That((merged.Endpoints.Single().MessagesIn, merged.Endpoints.Single().MessagesOut), Is.EqualTo(((long?)2, (long?)3)));
        });
    }
}
