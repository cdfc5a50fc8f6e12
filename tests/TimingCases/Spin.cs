using System.Diagnostics;
using LineProf;

namespace LineProf.TimingCases;

/// <summary>Busy work of a known duration. Not woven, so it adds nothing but its own time to the line that calls it.</summary>
[NoLineProfile]
public static class Spin
{
    public static void For(int milliseconds)
    {
        var until = Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000;
        while (Stopwatch.GetTimestamp() < until)
        {
        }
    }
}
