namespace LineProf.TimingCases;

/// <summary>Recursion, re-entrancy and nested calls whose self times are known.</summary>
public static class NestingCases
{
    public static void Recurses(int depth)
    {
        Thread.Sleep(10); // MARK:recursive-work
        if (depth > 0) Recurses(depth - 1); // MARK:recursive-call
    }

    public static async Task RecursesAsync(int depth)
    {
        await Task.Delay(20); // MARK:async-recursive-work
        if (depth > 0) await RecursesAsync(depth - 1); // MARK:async-recursive-call
    }

    public static void ReentersThroughACallback() => Visit(() => Visit(null)); // MARK:reenter

    public static void Outer()
    {
        Thread.Sleep(5); // MARK:outer-own
        Middle(); // MARK:outer-call
    }

    public static async Task OuterAsync()
    {
        Thread.Sleep(5); // MARK:outer-async-own
        await MiddleAsync(); // MARK:outer-async-call
    }

    private static void Visit(Action? inner)
    {
        Thread.Sleep(10); // MARK:visit-work
        inner?.Invoke(); // MARK:visit-callback
    }

    private static void Middle()
    {
        Thread.Sleep(50); // MARK:middle-own
        Inner(); // MARK:middle-call
    }

    private static void Inner()
    {
        Thread.Sleep(30); // MARK:inner-own
    }

    private static async Task MiddleAsync()
    {
        await Task.Delay(60); // MARK:middle-async-io
        Thread.Sleep(20); // MARK:middle-async-cpu
    }
}
