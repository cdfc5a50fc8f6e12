namespace LineProf.Testing;

/// <summary>
/// The shared profiler as a suite that profiles inside its own test process sets it up once (from its
/// <c>[SetUpFixture]</c>): no files written, and every request kept in the order it ended, none for being slow, so a
/// test finds its own requests among the suite's.
/// </summary>
public static class InProcessProfiling
{
    public static void Configure(bool profileOutsideRequests, string mode = ProfilingModes.Exact) =>
        LineProfiler.Shared.Configure(new LineProfilerOptions
        {
            Mode = mode,
            WriteFiles = false,
            RecentRequests = 100_000,
            SlowestRequests = 0,
            ProfileOutsideRequests = profileOutsideRequests,
        });
}
