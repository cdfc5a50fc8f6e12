using Grpc.Core;
using Grpc.Net.Client;

namespace LineProf.Templates.Tests;

/// <summary>
/// The gRPC template app woven by LineProf.Fody instead of the LineProf package: the Fody package carries the same
/// gRPC adapter, added the same way, so a streaming call counts its messages there too.
/// </summary>
[TestFixture]
public sealed class GrpcFodyTemplateTests : TemplateFixture
{
    private const int StreamCalls = 2;
    private const int Replies = 5; // GreeterService.Replies

    protected override async Task<TemplateApp> ProfileAsync()
    {
        var app = TemplateApp.Create("grpc", "GrpcApp", "grpc"); // the name the overlay's namespaces and proto use
        app.ReplaceInProject("""<PackageReference Include="Grpc.AspNetCore" Version="2.64.0" />""", """
            <PackageReference Include="Grpc.AspNetCore" Version="2.65.0" />
                <PackageReference Include="Fody" Version="6.9.3" PrivateAssets="all" />
                <PackageReference Include="LineProf.Fody" Version="$(LineProfVersion)" />
            """);
        File.WriteAllText(app.PathOf("FodyWeavers.xml"), "<Weavers>\n  <LineProf />\n</Weavers>\n");
        app.Build();
        await using var running = await app.StartAsync();
        using (var channel = GrpcChannel.ForAddress(running.BaseAddress))
        {
            var invoker = channel.CreateCallInvoker();
            Assert.That(await invoker.AsyncUnaryCall(GreeterMethods.SayHello, null, new CallOptions(), "fody"), Does.StartWith("Hello fody"));
            for (int i = 0; i < StreamCalls; i++)
            {
                using var call = invoker.AsyncServerStreamingCall(GreeterMethods.StreamGreetings, null, new CallOptions(), "fody");
                Assert.That(await call.ResponseStream.ReadAllAsync().CountAsync(), Is.EqualTo(Replies));
            }
        }

        Assert.That(await running.StopAsync(), Is.EqualTo(0), running.Output);
        return app;
    }

    [Test]
    public void Each_call_counts_the_messages_it_received_and_sent() =>
        Assert.That(Report.Requests.Select(r => (r.Endpoint, r.MessagesIn, r.MessagesOut)), Is.EquivalentTo(new (string?, long?, long?)[]
        {
            ("/greet.Greeter/SayHello", 1, 1),
            ("/greet.Greeter/StreamGreetings", 1, Replies),
            ("/greet.Greeter/StreamGreetings", 1, Replies),
        }));
}
