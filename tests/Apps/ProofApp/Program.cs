// Lines the tests assert on carry a marker comment; the tests find them by it, not by number.
using System.Runtime.CompilerServices;

var app = WebApplication.CreateBuilder(args).Build();

app.MapGet("/loop", (int n) =>
{
    int sum = 0;
    for (int i = 0; i < n; i++)
    {
        sum += Work.Square(i); // MARK:loop-body
    }

    return Results.Text(sum.ToString());
});

app.MapGet("/sleep", () =>
{
    Thread.Sleep(100); // MARK:sleep
    return Results.Text("slept");
});

app.MapGet("/delay", async () =>
{
    await Task.Delay(100); // MARK:delay
    return Results.Text("delayed");
});

app.MapGet("/parallel", () =>
{
    int count = 0;
    Parallel.For(0, 10000, i =>
    {
        Interlocked.Increment(ref count); // MARK:parallel-body
    });
    return Results.Text(count.ToString());
});

app.MapGet("/throw", () =>
{
    Work.Fail(); // MARK:throw-call
    return Results.Text("unreachable");
});

app.MapGet("/stack", () =>
{
    try
    {
        Work.Fail();
        return Results.Text("no exception");
    }
    catch (InvalidOperationException e)
    {
        return Results.Text(e.StackTrace ?? "");
    }
});

app.MapGet("/stream", async (HttpResponse response, int megabytes) =>
{
    var chunk = new byte[64 * 1024];
    for (int sent = 0; sent < megabytes * 16; sent++)
    {
        await response.Body.WriteAsync(chunk); // MARK:stream-write
    }
});

app.MapGet("/abandoned", async (CancellationToken requestAborted) =>
{
    Console.WriteLine("abandoned: waiting"); // the test leaves once it sees this, not after a guessed delay
    try
    {
        await Task.Delay(10_000, requestAborted); // MARK:abandoned-wait
    }
    finally
    {
        Console.WriteLine("abandoned: ended");
    }

    return Results.Text("the client waited");
});

app.MapGet("/memory", () => Results.Text(GC.GetTotalMemory(forceFullCollection: true).ToString()));

app.Run(); // MARK:run

internal static class Work
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Square(int x)
    {
        return x * x; // MARK:square
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fail()
    {
        throw new InvalidOperationException("deliberate"); // MARK:throw
    }
}
