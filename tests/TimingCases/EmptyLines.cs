namespace LineProf.TimingCases;

/// <summary>Lines that do (almost) nothing, so calibration has something to take to zero.</summary>
public static class EmptyLines
{
    public static int Run(int count)
    {
        int x = 0;
        for (int i = 0; i < count; i++)
        {
            x++; // MARK:empty
        }

        return x;
    }
}
