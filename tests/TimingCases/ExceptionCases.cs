namespace LineProf.TimingCases;

/// <summary>Exceptions thrown, caught, filtered and rethrown across frames.</summary>
public static class ExceptionCases
{
    public static void LineThatThrows()
    {
        try
        {
            if (SpinThenTrue(60)) throw new InvalidOperationException("deliberate"); // MARK:throwing-line
        }
        catch (InvalidOperationException)
        {
            Thread.Sleep(10); // MARK:after-throwing-line
        }
    }

    public static void CaughtThreeFramesUp()
    {
        try
        {
            One(); // MARK:frame-0
        }
        catch (InvalidOperationException)
        {
        }

        Thread.Sleep(20); // MARK:after-unwind
    }

    public static bool Filtered()
    {
        try
        {
            One(); // MARK:filtered-call
            return false;
        }
        catch (InvalidOperationException e) when (e.Message == "deliberate") // MARK:filter
        {
            return true;
        }
    }

    public static void FinallyRuns()
    {
        try
        {
            One();
        }
        catch (InvalidOperationException)
        {
        }
    }

    public static void Rethrows()
    {
        try
        {
            RethrowsAfterWork(); // MARK:rethrow-call
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static bool SpinThenTrue(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return true;
    }

    private static void One()
    {
        try
        {
            Two(); // MARK:frame-1
        }
        finally
        {
            Thread.Sleep(25); // MARK:finally-line
        }
    }

    private static void Two()
    {
        Three(); // MARK:frame-2
    }

    private static void Three()
    {
        Thread.Sleep(40); // MARK:frame-3-work
        throw new InvalidOperationException("deliberate"); // MARK:frame-3-throw
    }

    private static void RethrowsAfterWork()
    {
        try
        {
            Three();
        }
        catch (InvalidOperationException)
        {
            Thread.Sleep(15); // MARK:before-rethrow
            throw; // MARK:rethrow
        }
    }
}
