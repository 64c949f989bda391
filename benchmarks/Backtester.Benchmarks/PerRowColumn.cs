using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Backtester.Benchmarks;

/// <summary>
/// A summary column derived from the mean time and a row-count parameter: rows per second (<c>perSecond</c>) or
/// nanoseconds per row. Lets a table show throughput or per-event cost next to Mean without arithmetic by the reader.
/// </summary>
public sealed class PerRowColumn(string parameterName, string header, bool perSecond) : IColumn
{
    public string Id => $"{nameof(PerRowColumn)}.{parameterName}.{header}";
    public string ColumnName => header;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => perSecond ? $"{parameterName} per second (rows / Mean)" : $"Nanoseconds per row of {parameterName} (Mean / rows)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is null || benchmarkCase.Parameters[parameterName] is not int rows || rows == 0) return "-";
        return perSecond
            ? (rows / (meanNs.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
            : (meanNs.Value / rows).ToString("F2", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
