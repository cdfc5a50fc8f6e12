extern alias woven;

using System.Collections.Generic;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace LineProf.Benchmarks;

/// <summary>
/// What the line costs beyond time cost, each side by side with its absence in one run.
/// "alloc, ten lines": the exact-mode probe on ten lines of arithmetic with allocation tracking off (baseline) and on:
/// the difference over ten is the added cost per line. "alloc, order table": the same on the allocating reference
/// workload. "db command": one command's start and end events as EF Core raises them
/// (Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting/CommandExecuted, a DbCommand-like payload) in a
/// profiled request, with the database collector off (EF Core then builds and raises nothing: baseline) and on.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LineCostBenchmarks
{
    private const string Executing = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting";
    private const string Executed = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";

    /// <summary>A listener of EF Core's name: the collector subscribes to it as to EF Core's own.</summary>
    private static readonly DiagnosticListener s_efCore = new("Microsoft.EntityFrameworkCore");

    private readonly CommandEvent _command = new(new Command("SELECT \"o\".\"Id\", \"o\".\"Product\" FROM \"OrderLines\" AS \"o\" WHERE \"o\".\"OrderId\" = @__id_0"));
    private readonly IReadOnlyList<woven::LineProf.Bench.Workloads.OrderRow> _orders = woven::LineProf.Bench.Workloads.OrderTable.MakeOrders(100);
    private long _x = 42;
    private RequestScope? _request;

    [Benchmark(Baseline = true), BenchmarkCategory("alloc, ten lines")]
    public long TenLinesWithoutAllocations() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark, BenchmarkCategory("alloc, ten lines")]
    public long TenLinesWithAllocations() => woven::LineProf.Bench.Workloads.TenLines.Run(_x);

    [Benchmark(Baseline = true), BenchmarkCategory("alloc, order table")]
    public string OrderTableWithoutAllocations() => woven::LineProf.Bench.Workloads.OrderTable.Render(_orders);

    [Benchmark, BenchmarkCategory("alloc, order table")]
    public string OrderTableWithAllocations() => woven::LineProf.Bench.Workloads.OrderTable.Render(_orders);

    [Benchmark(Baseline = true), BenchmarkCategory("db command")]
    public void CommandWithoutCollector() => RaiseAsEfCoreDoes();

    [Benchmark, BenchmarkCategory("db command")]
    public void CommandWithCollector() => RaiseAsEfCoreDoes();

    [GlobalSetup(Targets = new[] { nameof(TenLinesWithoutAllocations), nameof(OrderTableWithoutAllocations) })]
    public void ProfileWithoutAllocations() => Begin(trackAllocations: false, trackDatabaseCommands: false);

    [GlobalSetup(Targets = new[] { nameof(TenLinesWithAllocations), nameof(OrderTableWithAllocations) })]
    public void ProfileWithAllocations() => Begin(trackAllocations: true, trackDatabaseCommands: false);

    [GlobalSetup(Target = nameof(CommandWithoutCollector))]
    public void ProfileWithoutCollector() => Begin(trackAllocations: false, trackDatabaseCommands: false);

    [GlobalSetup(Target = nameof(CommandWithCollector))]
    public void ProfileWithCollector() => Begin(trackAllocations: false, trackDatabaseCommands: true);

    [GlobalCleanup]
    public void End() => _request?.End(200, "/bench");

    private void Begin(bool trackAllocations, bool trackDatabaseCommands)
    {
        Profiling.Configure(trackAllocations: trackAllocations, trackDatabaseCommands: trackDatabaseCommands);
        _request = LineProfiler.Shared.BeginRequest("GET", "/bench");
    }

    /// <summary>EF Core asks before it builds each event, and builds and writes it only when a subscriber wants it.</summary>
    private void RaiseAsEfCoreDoes()
    {
        if (s_efCore.IsEnabled(Executing)) s_efCore.Write(Executing, _command);
        if (s_efCore.IsEnabled(Executed)) s_efCore.Write(Executed, _command);
    }

    /// <summary>The part of EF Core's CommandEventData the collector reads.</summary>
    public sealed class CommandEvent(Command command)
    {
        public Command Command { get; } = command;
    }

    /// <summary>The part of a DbCommand the collector reads.</summary>
    public sealed class Command(string commandText)
    {
        public string CommandText { get; } = commandText;
    }
}
