extern alias woven;

using System;

namespace LineProf.Benchmarks;

/// <summary>
/// Prints how many probe hits (so how many clock reads, less one per call) one operation of each woven workload
/// makes, so that an overhead can be divided into a cost per hit and set against the cost of a clock read.
/// </summary>
internal static class HitCounts
{
    public static int Print()
    {
        Profiling.Configure();
        var orders = woven::LineProf.Bench.Workloads.OrderTable.MakeOrders(ReferenceWorkloadBenchmarks.OrderCount);
        Console.WriteLine("workload\thits per operation\tcalls of woven methods");
        Row("ten lines", () => woven::LineProf.Bench.Workloads.TenLines.Run(42));
        Row($"render {ReferenceWorkloadBenchmarks.OrderCount} rows", () => woven::LineProf.Bench.Workloads.OrderTable.Render(orders));
        Row($"sieve below {ReferenceWorkloadBenchmarks.PrimeLimit}", () => woven::LineProf.Bench.Workloads.Sieve.CountPrimes(ReferenceWorkloadBenchmarks.PrimeLimit));
        var markdown = woven::LineProf.Bench.Workloads.MarkdownLite.MakeDocument(CallHeavyBenchmarks.Sections);
        Row($"markdown, {CallHeavyBenchmarks.Sections} sections", () => woven::LineProf.Bench.Workloads.MarkdownLite.ToHtml(markdown));
        Row($"digit sums of {CallHeavyBenchmarks.Numbers} numbers", () => woven::LineProf.Bench.Workloads.DigitSums.Total(CallHeavyBenchmarks.Numbers));
        return 0;
    }

    private static void Row(string workload, Action work)
    {
        var (hits, calls) = Profiling.CountsOf(work);
        Console.WriteLine($"{workload}\t{hits}\t{calls}");
    }
}
