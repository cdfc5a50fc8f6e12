using System.Runtime.CompilerServices;

namespace LineProf.TimingCases;

/// <summary>
/// The same line calling a trivial method, woven and not: the woven callee's probes are not the line's time. Every
/// method is compiled fully optimized at once (AggressiveOptimization), as a running app's hot code is once tiered
/// up, so the figures do not depend on when a loaded machine gets round to tiering them.
/// </summary>
public static class CallCosts
{
    /// <summary>
    /// Three lines in one loop: each calls a trivial method, woven and framed (Enter, a line, Exit), woven and counted
    /// (a small member: one count), and unwoven. Interleaved, so a busy machine slows the three alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Calls(int count)
    {
        long s = 0;
        for (int i = 0; i < count; i++)
        {
            s += Framed(i); // MARK:calls-framed
            s += Tiny(i); // MARK:calls-counted
            s += Unwoven.Tiny(i); // MARK:calls-unwoven
        }

        return s;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Framed(int i)
    {
        int j = i + 1; // MARK:framed
        return j;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Tiny(int i)
    {
        return i + 1; // MARK:tiny
    }
}

[LineProf.NoLineProfile]
public static class Unwoven
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int Tiny(int i)
    {
        return i + 1;
    }
}
