using Grpc.Core;
using Grpc.Net.Client;
using LineProf.Testing;

namespace LineProf.Templates.Tests;

/// <summary>
/// <c>dotnet new grpc</c> (HTTP/2-only Kestrel) whose unary SayHello awaits in a loop, with a server-streaming, a
/// client-streaming and a bidirectional method added to its proto, called by a real gRPC client over HTTP/2 without
/// TLS: each call is one request under its service method, with its messages counted.
/// </summary>
[TestFixture]
public sealed class GrpcTemplateTests : TemplateFixture
{
    private const int Calls = 6;
    private const int Parts = 8;
    private const int StreamCalls = 3;
    private const int Replies = 5; // GreeterService.Replies
    private const int CollectCalls = 2;
    private const int NamesPerCall = 4;
    private const int ChatCalls = 2;
    private const int ChatTurns = 3;
    private const string Service = "Services/GreeterService.cs";

    protected override async Task<TemplateApp> ProfileAsync()
    {
        var app = TemplateApp.Create("grpc", "GrpcApp", "grpc");
        // The template asks for a Grpc.AspNetCore the package mirror does not serve; 2.65.0 is the nearest it does.
        app.ReplaceInProject("""<PackageReference Include="Grpc.AspNetCore" Version="2.64.0" />""", """<PackageReference Include="Grpc.AspNetCore" Version="2.65.0" />""");
        app.AddPackages();
        app.Build();
        await using var running = await app.StartAsync();
        using (var channel = GrpcChannel.ForAddress(running.BaseAddress))
        {
            var invoker = channel.CreateCallInvoker();
            for (int i = 0; i < Calls; i++)
                Assert.That(await invoker.AsyncUnaryCall(GreeterMethods.SayHello, null, new CallOptions(), "matrix"), Is.EqualTo("Hello matrix" + new string('!', Parts)));
            for (int i = 0; i < StreamCalls; i++)
            {
                using var call = invoker.AsyncServerStreamingCall(GreeterMethods.StreamGreetings, null, new CallOptions(), "stream");
                var replies = await call.ResponseStream.ReadAllAsync().ToListAsync();
                Assert.That(replies, Is.EqualTo(Enumerable.Range(1, Replies).Select(r => "Hello stream" + new string('!', r * Parts))));
            }

            for (int i = 0; i < CollectCalls; i++)
            {
                using var call = invoker.AsyncClientStreamingCall(GreeterMethods.GreetEveryone, null, new CallOptions());
                var names = Enumerable.Range(1, NamesPerCall).Select(n => "name" + n).ToList();
                foreach (var name in names) await call.RequestStream.WriteAsync(name);
                await call.RequestStream.CompleteAsync();
                Assert.That(await call, Is.EqualTo("Hello " + string.Join(", ", names)));
            }

            for (int i = 0; i < ChatCalls; i++)
            {
                using var call = invoker.AsyncDuplexStreamingCall(GreeterMethods.Chat, null, new CallOptions());
                for (int turn = 0; turn < ChatTurns; turn++)
                {
                    await call.RequestStream.WriteAsync("turn" + turn);
                    Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
                    Assert.That(call.ResponseStream.Current, Is.EqualTo("Hello turn" + turn));
                }

                await call.RequestStream.CompleteAsync();
                Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.False);
            }
        }

        Assert.That(await running.StopAsync(), Is.EqualTo(0), running.Output);
        return app;
    }

    [Test]
    public void The_hottest_line_is_the_calls_await() =>
        Assert.That(Hottest(), Is.SameAs(Line(Service, "grpc-await")), Describe(Report.Lines));

    [Test]
    public void The_calls_loop_has_exact_hits() => Assert.That(Line(Service, "grpc-body").Hits, Is.EqualTo(Calls * Parts));

    [Test]
    public void Each_call_is_one_request_under_its_service_method() =>
        Assert.That(Report.Endpoints.Select(e => (e.Name, e.Count)), Is.EquivalentTo(new[]
        {
            ("POST /greet.Greeter/SayHello", (long)Calls),
            ("POST /greet.Greeter/StreamGreetings", StreamCalls),
            ("POST /greet.Greeter/GreetEveryone", CollectCalls),
            ("POST /greet.Greeter/Chat", (long)ChatCalls),
        }));

    [Test]
    public void Each_call_counts_the_messages_it_received_and_sent() =>
        Assert.That(Report.Requests.Select(r => (r.Endpoint, r.MessagesIn, r.MessagesOut)), Is.EquivalentTo(
            Enumerable.Repeat<(string?, long?, long?)>(("/greet.Greeter/SayHello", 1, 1), Calls)
                .Concat(Enumerable.Repeat<(string?, long?, long?)>(("/greet.Greeter/StreamGreetings", 1, Replies), StreamCalls))
                .Concat(Enumerable.Repeat<(string?, long?, long?)>(("/greet.Greeter/GreetEveryone", NamesPerCall, 1), CollectCalls))
                .Concat(Enumerable.Repeat<(string?, long?, long?)>(("/greet.Greeter/Chat", ChatTurns, ChatTurns), ChatCalls))));

    [Test]
    public void Each_service_method_sums_its_calls_messages() =>
        Assert.That(Report.Endpoints.Select(e => (e.Name, e.MessagesIn, e.MessagesOut)), Is.EquivalentTo(new (string, long?, long?)[]
        {
            ("POST /greet.Greeter/SayHello", Calls, Calls),
            ("POST /greet.Greeter/StreamGreetings", StreamCalls, StreamCalls * Replies),
            ("POST /greet.Greeter/GreetEveryone", CollectCalls * NamesPerCall, CollectCalls),
            ("POST /greet.Greeter/Chat", ChatCalls * ChatTurns, ChatCalls * ChatTurns),
        }));

    [Test]
    public void A_server_streaming_call_has_its_per_message_lines_with_exact_hits() =>
        Assert.That(HitsPerCall("/greet.Greeter/StreamGreetings", "stream-body", "stream-write"),
            Is.EqualTo(Enumerable.Repeat(new[] { (long)Replies * Parts, Replies }, StreamCalls)));

    [Test]
    public void A_client_streaming_call_has_its_per_message_line_with_exact_hits() =>
        Assert.That(HitsPerCall("/greet.Greeter/GreetEveryone", "collect-body"), Is.EqualTo(Enumerable.Repeat(new[] { (long)NamesPerCall }, CollectCalls)));

    [Test]
    public void A_bidirectional_call_has_its_per_message_line_with_exact_hits() =>
        Assert.That(HitsPerCall("/greet.Greeter/Chat", "chat-reply"), Is.EqualTo(Enumerable.Repeat(new[] { (long)ChatTurns }, ChatCalls)));

    [Test]
    public void The_page_shows_a_streaming_calls_messages()
    {
        var call = Report.Requests.First(r => r.Endpoint == "/greet.Greeter/StreamGreetings");
        var page = PageFigures.FromHtml(File.ReadAllText(Path.Combine(App.ReportFolder, "lineprof.html")));
        Assert.That(page.RequestMessages[Report.Requests.IndexOf(call)], Is.EqualTo(((long?)1, (long?)Replies)));
    }

    [Test]
    public void The_grpc_adapter_ships_with_the_app() =>
        Assert.That(File.ReadAllText(Path.Combine(App.OutputFolder, App.Name + ".deps.json")), Does.Contain("LineProf.Grpc"));

    [Test]
    public void The_code_protoc_generated_under_obj_is_not_profiled()
    {
        var generated = Report.Lines.Concat(Report.OutsideRequests.Lines).Where(l => l.File.Replace('\\', '/').Contains("/obj/", StringComparison.Ordinal)).ToList();
        Assert.That(generated, Is.Empty, Describe(generated));
    }

    /// <summary>For each retained call of <paramref name="route"/>, the hits of the lines marked <paramref name="markers"/> in that call alone.</summary>
    private IEnumerable<long[]> HitsPerCall(string route, params string[] markers)
    {
        var lines = markers.Select(m => SourceMarkers.LineOf(App.PathOf(Service), m)).ToList();
        return Report.Requests.Where(r => r.Endpoint == route)
            .Select(r => lines.Select(line => r.Lines.Where(l => l.Line == line && IsFile(l.File, Service)).Sum(l => l.Hits)).ToArray()).ToList();
    }
}
