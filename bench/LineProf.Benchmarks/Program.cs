using System.Linq;
using BenchmarkDotNet.Running;
using LineProf.Benchmarks;

// bench/run.sh drives these; see BENCHMARKS.md.
//   LineProf.Benchmarks [BenchmarkDotNet arguments]   the BenchmarkDotNet suite (e.g. --filter '*Probe*')
//   LineProf.Benchmarks hits                          probe hits per operation of each workload
//   LineProf.Benchmarks soak [requests]               memory over many profiled requests
//   LineProf.Benchmarks clock [rounds]                a Stopwatch read against a counter read, interleaved rounds
//   LineProf.Benchmarks allocrounds [rounds]          the probe per line with allocation tracking off and on, interleaved rounds
//   LineProf.Benchmarks allocrounds-sampled [rounds]  sampled mode: the probe per call with allocations per method off and on
//   LineProf.Benchmarks unchosen [rounds]             call-heavy code in a request the sample rate did not choose, interleaved rounds
return args.FirstOrDefault() switch
{
    "hits" => HitCounts.Print(),
    "clock" => ClockRounds.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20),
    "allocrounds" => AllocationRounds.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20),
    "allocrounds-sampled" => AllocationRounds.PrintSampled(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20),
    "unchosen" => UnchosenRounds.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15),
    "soak" => RequestSoak.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000),
    _ => Suite(args),
};

static int Suite(string[] args)
{
    var summaries = BenchmarkSwitcher
        .FromTypes([typeof(ProbeCostBenchmarks), typeof(ClockBenchmarks), typeof(DisabledProbeBenchmarks), typeof(ReferenceWorkloadBenchmarks), typeof(SampledModeBenchmarks), typeof(CallHeavyBenchmarks), typeof(RequestMemoryBenchmarks), typeof(LineCostBenchmarks), typeof(TracedRequestBenchmarks),
            typeof(LineProf.Benchmarks.Prototypes.SinkLookupBenchmarks)])
        .Run(args, BenchConfig.Create());
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
