namespace LineProf.TimingCases;

/// <summary>Methods whose allocations are known in advance: a megabyte string, and nothing at all.</summary>
public static class AllocationCases
{
    public static int BuildsAMegabyteString()
    {
        var text = new string('x', 1 << 20); // MARK:alloc-megabyte
        return text.Length;
    }

    public static async Task BuildsAMegabyteStringAfterAnAwait()
    {
        await Task.Delay(1); // MARK:alloc-async-await
        var text = new string('y', 1 << 20); // MARK:alloc-async-megabyte
        GC.KeepAlive(text);
    }

    public static int AllocatesNothing(int items)
    {
        int sum = 0; // MARK:alloc-nothing
        for (int i = 0; i < items; i++)
            sum += i % 7;
        return sum;
    }
}
