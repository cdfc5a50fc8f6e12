using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LineProf.Benchmarks;

/// <summary>
/// (mean - the baseline's mean) / lines per operation, in ns: the targets for an inert probe are per line, and
/// a ratio hides how small the difference is.
/// </summary>
public sealed class PerLineColumn : IColumn
{
    public string Id => nameof(PerLineColumn);
    public string ColumnName => "Δ/line";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Mean minus the baseline's mean, divided by the source lines one operation runs (ns)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var lines = benchmarkCase.Descriptor.Type.GetCustomAttribute<LinesPerOperationAttribute>()?.Lines;
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var baselineMean = baseline == null ? null : summary[baseline]?.ResultStatistics?.Mean;
        if (lines == null || mean == null || baselineMean == null) return "-";
        return ((mean.Value - baselineMean.Value) / lines.Value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " ns";
    }
}
