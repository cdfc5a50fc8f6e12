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
        return 0;
    }
}
