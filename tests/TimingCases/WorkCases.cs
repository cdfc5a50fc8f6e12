namespace LineProf.TimingCases;

/// <summary>Work a unit other than a request does (a queue message, a job): its hits are known in advance.</summary>
public static class WorkCases
{
    public static int Handle(int items)
    {
        int handled = 0; // MARK:work-start
        for (int i = 0; i < items; i++)
            handled += i % 3; // MARK:work-item
        return handled; // MARK:work-end
    }

    public static async Task<int> HandleAsync(int items)
    {
        await Task.Yield(); // MARK:work-async-yield
        return Handle(items); // MARK:work-async-call
    }
}
