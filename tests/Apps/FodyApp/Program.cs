// Lines the tests assert on carry a marker comment; the tests find them by it, not by number. The endpoints also
// cover the shapes of code the weaver treats differently (lambdas, async, iterators, local functions, handlers,
// switch), so comparing two weavings of this file compares more than a straight line.
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

app.MapGet("/greet", () => Results.Text(Greeter.Greeting.For("fody"))); // MARK:greet

app.MapGet("/unprofiled", () => Results.Text(Work.Unprofiled().ToString()));

app.MapGet("/shapes", async (int n) =>
{
    await Task.Delay(10);
    int total = Work.Evens(n).Sum() + Local(n);
    try
    {
        total += Work.Classify(n) switch { "small" => 1, "large" => 2, _ => 0 };
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
    }
    catch (ArgumentOutOfRangeException)
    {
        total = -1;
    }
    finally
    {
        total++;
    }

    return Results.Text(total.ToString());

    static int Local(int x) => x * 2;
});

app.Run();

internal static class Work
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Square(int x)
    {
        return x * x; // MARK:square
    }

    /// <summary>Left out of weaving by the Exclude glob the tests give.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Unprofiled()
    {
        return 42; // MARK:unprofiled
    }

    public static IEnumerable<int> Evens(int n)
    {
        for (int i = 0; i < n; i += 2) yield return i;
    }

    public static string Classify(int n) => n switch
    {
        < 10 => "small",
        < 1000 => "large",
        _ => "huge",
    };
}
