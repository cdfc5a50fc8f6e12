// Lines the tests assert on carry a marker comment; the tests find them by it, not by number.
using System.Diagnostics;
using OpenTelemetry.Trace;

var finished = new List<Activity>();
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
    .AddAspNetCoreInstrumentation()
    .AddInMemoryExporter(finished));
var app = builder.Build();

app.MapGet("/work", (int n) =>
{
    Thread.Sleep(50); // MARK:hot
    long sum = 0;
    for (int i = 0; i < n; i++)
    {
        sum += i; // MARK:cool
    }

    return Results.Text(sum.ToString());
});

// The server spans the exporter has received so far, as the tests read them.
app.MapGet("/spans", () =>
{
    lock (finished)
    {
        return Results.Json(finished.Select(span => new
        {
            traceId = span.TraceId.ToHexString(),
            spanId = span.SpanId.ToHexString(),
            path = span.GetTagItem("url.path")?.ToString(),
            tags = span.TagObjects.ToDictionary(tag => tag.Key, tag => tag.Value?.ToString()),
        }).ToList());
    }
});

app.Run(); // MARK:run
