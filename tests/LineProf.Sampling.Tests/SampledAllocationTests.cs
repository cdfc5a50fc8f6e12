using LineProf.Testing;
using LineProf.TimingCases;

namespace LineProf.Sampling.Tests;

/// <summary>Sampled mode counts allocations per method: read where a method's run starts and ends, never per line.</summary>
public sealed class SampledAllocationTests
{
    [Test]
    public async Task A_method_that_builds_a_megabyte_string_reads_at_least_a_megabyte_and_one_that_allocates_nothing_reads_zero()
    {
        var request = await Profiled.Request(() =>
        {
            AllocationCases.BuildsAMegabyteString();
            AllocationCases.AllocatesNothing(1_000);
        });

        var report = LineProfiler.Shared.CreateReport();
        Assert.Multiple(() =>
        {
            Assert.That(report.LineCosts!.MethodAllocations, Is.True, "on by default");
            Assert.That(report.LineCosts.Allocations, Is.False, "lines carry no bytes in sampled mode");
            Assert.That(request.Method("BuildsAMegabyteString").AllocBytes, Is.GreaterThanOrEqualTo(2L << 20), "a million chars of two bytes");
            Assert.That(request.Method("AllocatesNothing").AllocBytes, Is.Zero);
            Assert.That(request.Line("alloc-megabyte").AllocBytes, Is.Zero, "sampled mode counts per method only");
        });
        ReportInvariants.Record(report);
    }

    [Test]
    public async Task An_async_method_counts_what_it_allocates_on_each_run_after_an_await()
    {
        var request = await Profiled.RequestAsync(AllocationCases.BuildsAMegabyteStringAfterAnAwait);
        Assert.That(request.Method("BuildsAMegabyteStringAfterAnAwait").AllocBytes, Is.GreaterThanOrEqualTo(2L << 20));
    }
}
