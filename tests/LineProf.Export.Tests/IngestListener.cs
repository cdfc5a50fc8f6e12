using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LineProf.Export.Tests;

/// <summary>What a push sent: its query, its Authorization header, its body, and the status it was answered.</summary>
public sealed record Push(string Path, IReadOnlyDictionary<string, string> Query, string? Authorization, byte[] Body, int AnsweredStatus);

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1) standing in for Pyroscope's ingest endpoint: it records every push and
/// answers the first <c>failFirst</c> of them with 503, as a profiler that is restarting would.
/// </summary>
public sealed class IngestListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Push> _pushes = Channel.CreateUnbounded<Push>();
    private int _toFail;

    private IngestListener(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<IngestListener> StartAsync(int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new IngestListener(app) { _toFail = failFirst };
        app.MapPost("/ingest", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            int status = Interlocked.Decrement(ref listener._toFail) >= 0 ? 503 : 200;
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            await listener._pushes.Writer.WriteAsync(new Push(context.Request.Path, query, context.Request.Headers.Authorization.FirstOrDefault(), body.ToArray(), status));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        listener.Address = new Uri(address);
        return listener;
    }

    /// <summary>The next push received, waiting for it (a push comes every interval the app was given).</summary>
    public async Task<Push> NextAsync() => await _pushes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(2));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
