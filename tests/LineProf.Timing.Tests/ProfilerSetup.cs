using LineProf.Testing;

namespace LineProf.Timing.Tests;

[SetUpFixture]
public sealed class ProfilerSetup
{
    [OneTimeSetUp]
    public void ConfigureProfiler() => InProcessProfiling.Configure(profileOutsideRequests: false);
}
