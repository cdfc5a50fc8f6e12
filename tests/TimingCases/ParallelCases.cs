namespace LineProf.TimingCases;

/// <summary>Work a request fans out to other threads.</summary>
public static class ParallelCases
{
    public static async Task AwaitsFiftyAtOnce()
    {
        var tasks = Enumerable.Range(0, 50).Select(_ => DelayOnce()).ToArray(); // MARK:start-fifty
        await Task.WhenAll(tasks); // MARK:when-all
    }

    public static int RunsParallelFor(int iterations)
    {
        int total = 0;
        Parallel.For(0, iterations, i =>
        {
            Interlocked.Increment(ref total); // MARK:parallel-for-body
        });
        return total;
    }

    public static async Task RunsParallelForEachAsync(int items)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, items), async (item, cancel) =>
        {
            await Task.Delay(1, cancel); // MARK:for-each-async-body
        });
    }

    public static async Task<int> RunsTaskRunChains()
    {
        int sum = 0;
        var chains = Enumerable.Range(0, 20).Select(i => Task.Run(() => Task.Run(() =>
        {
            Interlocked.Add(ref sum, i); // MARK:task-run-body
        })));
        await Task.WhenAll(chains);
        return sum;
    }

    private static async Task DelayOnce()
    {
        await Task.Delay(100); // MARK:fifty-body
    }
}
