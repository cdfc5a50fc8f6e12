using System.Runtime.CompilerServices;

namespace LineProf.Bench.Workloads;

/// <summary>
/// A method of ten one-statement lines of tight arithmetic, so that what a probe costs per line shows undiluted.
/// Never inlined, so the woven and the plain build are compared call for call.
/// </summary>
public static class TenLines
{
    public const int LineCount = 10;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Run(long x)
    {
        x += 3;
        x *= 7;
        x ^= x >> 5;
        x += 11;
        x *= 13;
        x ^= x >> 7;
        x += 17;
        x *= 19;
        x ^= x >> 11;
        return x;
    }
}
