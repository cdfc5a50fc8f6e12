namespace LineProf.Weaver.Tests;

/// <summary>The in-process profiler the woven corpus reports to: keeps every request, writes no files.</summary>
public static class ProfilerForTests
{
    private static readonly Lazy<bool> s_configured = new(() =>
    {
        LineProfiler.Shared.Configure(new LineProfilerOptions { WriteFiles = false, RecentRequests = 10, SlowestRequests = 0 });
        return true;
    });

    public static void Configure() => _ = s_configured.Value;
}
