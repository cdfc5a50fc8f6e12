using Grpc.Core;

namespace GrpcApp.Services;

public class GreeterService(ILogger<GreeterService> logger) : Greeter.GreeterBase
{
    public const int Parts = 8;
    public const int Replies = 5;

    public override async Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context)
    {
        logger.LogDebug("The message is received from {Name}", request.Name);
        var greeting = new System.Text.StringBuilder("Hello " + request.Name);
        for (int i = 0; i < Parts; i++)
        {
            await Task.Delay(3, context.CancellationToken); // MARK:grpc-await
            greeting.Append('!'); // MARK:grpc-body
        }

        return new HelloReply { Message = greeting.ToString() };
    }

    public override async Task StreamGreetings(HelloRequest request, IServerStreamWriter<HelloReply> responseStream, ServerCallContext context)
    {
        var greeting = new System.Text.StringBuilder("Hello " + request.Name);
        for (int reply = 0; reply < Replies; reply++)
        {
            for (int i = 0; i < Parts; i++)
            {
                greeting.Append('!'); // MARK:stream-body
            }

            await responseStream.WriteAsync(new HelloReply { Message = greeting.ToString() }); // MARK:stream-write
        }
    }

    public override async Task<HelloReply> GreetEveryone(IAsyncStreamReader<HelloRequest> requestStream, ServerCallContext context)
    {
        var names = new List<string>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            names.Add(request.Name); // MARK:collect-body
        }

        return new HelloReply { Message = "Hello " + string.Join(", ", names) };
    }

    public override async Task Chat(IAsyncStreamReader<HelloRequest> requestStream, IServerStreamWriter<HelloReply> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new HelloReply { Message = "Hello " + request.Name }); // MARK:chat-reply
        }
    }
}
