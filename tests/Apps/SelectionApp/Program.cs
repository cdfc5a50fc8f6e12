// Lines the tests assert on carry a marker comment; the tests find them by it, not by number.
using System.Runtime.CompilerServices;

var builder = WebApplication.CreateBuilder(args);

// The app's own choice: a request that says it must not be profiled is not (unless it carries the trigger), nor one
// whose endpoint is marked so, which it can see once routing chose the endpoint.
builder.Services.AddLineProfilerSelection(selection =>
    selection.ShouldProfile = context => !context.Request.Headers.ContainsKey("X-No-Profile")
        && context.GetEndpoint()?.Metadata.GetMetadata<NotProfiled>() == null);

var app = builder.Build();

app.MapGet("/work", (int n) =>
{
    long sum = 0;
    for (int i = 0; i < n; i++)
    {
        sum += Work.Square(i); // MARK:work-body
    }

    return Results.Text(sum.ToString());
});

app.MapGet("/slow", () =>
{
    Work.Pause(); // MARK:slow-call
    return Results.Text("slow");
});

app.MapGet("/other", () => Results.Text("other"));

app.MapGet("/private", () => Results.Text(Work.Square(3).ToString())).WithMetadata(new NotProfiled());

app.Run();

internal static class Work
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Square(long x)
    {
        return x * x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Pause()
    {
        Thread.Sleep(80); // MARK:slow-sleep
    }
}

/// <summary>Marks an endpoint the app's ShouldProfile leaves unprofiled.</summary>
internal sealed class NotProfiled;
