extern alias woven;

using System;
using System.Diagnostics;
using System.Globalization;

namespace LineProf.Benchmarks;

/// <summary>
/// Runs many profiled requests, each through <see cref="LineProfiler.BeginRequest"/> and End like a host adapter,
/// and prints the managed heap (after a full collection) and the process's resident memory as they go. Once the
/// retained-request bound is reached, both should stay flat.
/// </summary>
internal static class RequestSoak
{
    private const int Rows = 20;

    public static int Run(int requests)
    {
        Profiling.Configure();
        var orders = woven::LineProf.Bench.Workloads.OrderTable.MakeOrders(Rows);
        var options = LineProfiler.Shared.Options;
        Console.WriteLine($"{requests:N0} profiled requests, each rendering {Rows} rows; LineProf retains the {options.RecentRequests} most recent " +
            $"and the {options.SlowestRequests} slowest with their lines.");
        Console.WriteLine("requests\tmanaged heap (KiB)\tresident (MiB)\tallocated per request (B)");

        int step = Math.Max(1, requests / 10);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i <= requests; i++)
        {
            var request = LineProfiler.Shared.BeginRequest("GET", "/orders/" + i.ToString(CultureInfo.InvariantCulture));
            woven::LineProf.Bench.Workloads.OrderTable.Render(orders);
            request.End(200, "/orders/{id}");
            if (i % step != 0) continue;

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            long heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"{i}\t{heap / 1024}\t{process.WorkingSet64 / (1024 * 1024)}\t{allocated / step}");
            allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        }

        Console.WriteLine($"retained requests at the end: {LineProfiler.Shared.CreateReport().Requests.Count}");
        PrintAllocationsByPhase();
        return 0;
    }

    /// <summary>
    /// Where a profiled request's bytes go, for a ten-line handler: beginning it, running its woven lines (the probe
    /// path, which should allocate nothing) and ending it (its results).
    /// </summary>
    private static void PrintAllocationsByPhase()
    {
        const int Requests = 10_000;
        long begin = 0, lines = 0, end = 0;
        for (int i = 0; i < Requests; i++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            var request = LineProfiler.Shared.BeginRequest("GET", "/orders/7");
            long begun = GC.GetAllocatedBytesForCurrentThread();
            woven::LineProf.Bench.Workloads.TenLines.Run(i);
            long ran = GC.GetAllocatedBytesForCurrentThread();
            request.End(200, "/orders/{id}");
            long ended = GC.GetAllocatedBytesForCurrentThread();
            begin += begun - start;
            lines += ran - begun;
            end += ended - ran;
        }

        Console.WriteLine($"bytes allocated per profiled request of a ten-line handler: BeginRequest {begin / Requests}, " +
            $"the woven lines {lines / Requests}, End {end / Requests} (mean of {Requests:N0} requests)");
    }
}
