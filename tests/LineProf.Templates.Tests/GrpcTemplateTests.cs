using System.Text;
using Grpc.Core;
using Grpc.Net.Client;

namespace LineProf.Templates.Tests;

/// <summary>
/// <c>dotnet new grpc</c> (HTTP/2-only Kestrel) whose unary SayHello awaits in a loop, called by a real gRPC client
/// over HTTP/2 without TLS.
/// </summary>
[TestFixture]
public sealed class GrpcTemplateTests : TemplateFixture
{
    private const int Calls = 6;
    private const int Parts = 8;
    private const string Service = "Services/GreeterService.cs";

    /// <summary>greet.proto's SayHello; both messages are one string in field 1, so the client needs no generated code.</summary>
    private static readonly Method<string, string> s_sayHello = new(MethodType.Unary, "greet.Greeter", "SayHello",
        Marshallers.Create(StringField1, ReadStringField1), Marshallers.Create(StringField1, ReadStringField1));

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
                Assert.That(await invoker.AsyncUnaryCall(s_sayHello, null, new CallOptions(), "matrix"), Is.EqualTo("Hello matrix" + new string('!', Parts)));
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
    public void The_endpoint_is_the_grpc_method() =>
        Assert.That(Report.Endpoints.Select(e => (e.Name, e.Count)), Is.EquivalentTo(new[] { ("POST /greet.Greeter/SayHello", (long)Calls) }));

    [Test]
    public void The_code_protoc_generated_under_obj_is_not_profiled()
    {
        var generated = Report.Lines.Concat(Report.OutsideRequests.Lines).Where(l => l.File.Replace('\\', '/').Contains("/obj/", StringComparison.Ordinal)).ToList();
        Assert.That(generated, Is.Empty, Describe(generated));
    }

    private static byte[] StringField1(string value)
    {
        var text = Encoding.UTF8.GetBytes(value);
        var message = new List<byte> { 0x0A }; // field 1, length-delimited
        for (uint length = (uint)text.Length; ; length >>= 7)
        {
            if (length < 0x80)
            {
                message.Add((byte)length);
                break;
            }

            message.Add((byte)(length & 0x7F | 0x80));
        }

        message.AddRange(text);
        return [.. message];
    }

    private static string ReadStringField1(byte[] message)
    {
        if (message.Length == 0) return "";
        if (message[0] != 0x0A) throw new InvalidDataException($"Expected field 1 as a string, got tag {message[0]:X2}.");
        int length = 0, shift = 0, i = 1;
        for (; (message[i] & 0x80) != 0; i++, shift += 7) length |= (message[i] & 0x7F) << shift;
        length |= message[i] << shift;
        return Encoding.UTF8.GetString(message, i + 1, length);
    }
}
