using System;
using System.Threading;

namespace LineProf.Benchmarks;

/// <summary>Gets a benchmark's methods to tier-1 code before it is measured.</summary>
internal static class Tiering
{
    /// <summary>More than the runtime's call-count threshold for tier 1 (30).</summary>
    private const int Calls = 40;

    public static void Promote(Action operation)
    {
        for (int i = 0; i < Calls; i++) operation();
        Thread.Sleep(500); // tier-1 code is compiled in the background after a short delay
    }
}
