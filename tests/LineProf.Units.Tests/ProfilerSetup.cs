namespace LineProf.Units.Tests;

[SetUpFixture]
public sealed class ProfilerSetup
{
    [OneTimeSetUp]
    public void ConfigureProfiler() => LineProfiler.Shared.Configure(new LineProfilerOptions
    {
        WriteFiles = false,
        RecentRequests = 100_000,
        SlowestRequests = 0,
        ProfileOutsideRequests = true,
    });
}
