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
        Console.WriteLine("workload\thits per operation");
        Console.WriteLine($"ten lines\t{Profiling.HitsOf(() => woven::LineProf.Bench.Workloads.TenLines.Run(42))}");
        Console.WriteLine($"render {ReferenceWorkloadBenchmarks.OrderCount} rows\t{Profiling.HitsOf(() => woven::LineProf.Bench.Workloads.OrderTable.Render(orders))}");
        Console.WriteLine($"sieve below {ReferenceWorkloadBenchmarks.PrimeLimit}\t{Profiling.HitsOf(() => woven::LineProf.Bench.Workloads.Sieve.CountPrimes(ReferenceWorkloadBenchmarks.PrimeLimit))}");
        var markdown = woven::LineProf.Bench.Workloads.MarkdownLite.MakeDocument(CallHeavyBenchmarks.Sections);
        Action render = () => woven::LineProf.Bench.Workloads.MarkdownLite.ToHtml(markdown);
        Action digits = () => woven::LineProf.Bench.Workloads.DigitSums.Total(CallHeavyBenchmarks.Numbers);
        Console.WriteLine($"markdown, {CallHeavyBenchmarks.Sections} sections\t{Profiling.HitsOf(render)} ({Profiling.CallsOf(render)} calls)");
        Console.WriteLine($"digit sums of {CallHeavyBenchmarks.Numbers} numbers\t{Profiling.HitsOf(digits)} ({Profiling.CallsOf(digits)} calls)");
        return 0;
    }
}
