using Grpc.Core;

namespace GrpcApp.Services;

public class GreeterService(ILogger<GreeterService> logger) : Greeter.GreeterBase
{
    public const int Parts = 8;

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
}
