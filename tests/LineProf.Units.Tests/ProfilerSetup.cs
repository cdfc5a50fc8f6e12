using LineProf.Testing;

namespace LineProf.Units.Tests;

[SetUpFixture]
public sealed class ProfilerSetup
{
    [OneTimeSetUp]
    public void ConfigureProfiler() => InProcessProfiling.Configure(profileOutsideRequests: true);
}
