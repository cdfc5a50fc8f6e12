namespace LineProf.TimingCases;

/// <summary>Iterators whose consumers take longer than their producers.</summary>
public static class IteratorCases
{
    public static int ConsumesIterator(int items = 3, int consumerMilliseconds = 300)
    {
        int sum = 0;
        foreach (var item in Produce(items)) // MARK:consume-foreach
        {
            Thread.Sleep(consumerMilliseconds); // MARK:consumer-work
            sum += item;
        }

        return sum;
    }

    public static async Task<int> ConsumesAsyncIterator(int items = 3, int consumerMilliseconds = 300)
    {
        int sum = 0;
        await foreach (var item in ProduceAsync(items)) // MARK:consume-await-foreach
        {
            Thread.Sleep(consumerMilliseconds); // MARK:async-consumer-work
            sum += item;
        }

        return sum;
    }

    public static int AbandonsIterator()
    {
        foreach (var item in ProduceWithCleanup())
        {
            return item; // MARK:abandon
        }

        return -1;
    }

    private static IEnumerable<int> Produce(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Thread.Sleep(20); // MARK:produce-work
            yield return i; // MARK:yield
        }
    }

    private static async IAsyncEnumerable<int> ProduceAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Delay(100); // MARK:produce-await
            yield return i; // MARK:async-yield
        }
    }

    private static IEnumerable<int> ProduceWithCleanup()
    {
        try
        {
            Thread.Sleep(10); // MARK:before-abandoned-yield
            yield return 1; // MARK:abandoned-yield
            Thread.Sleep(500); // MARK:never-reached
        }
        finally
        {
            Thread.Sleep(15); // MARK:iterator-finally
        }
    }
}
