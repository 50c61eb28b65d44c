using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// One query a report makes: the monthly rollup rows of a month partition, or its daily rows from
/// <see cref="First"/> to <see cref="Last"/>; only <see cref="Dimension"/>'s rows (and of those only
/// <see cref="Bucket"/>) when given.
/// </summary>
internal readonly record struct ReportRead(string Partition, DateOnly First, DateOnly Last, bool Monthly, AggregateDimension? Dimension, int? Bucket)
{
    public static ReportRead MonthlyOf(ReportMonth month, AggregateDimension? dimension) =>
        new(month.Partition, month.First, month.Last, true, dimension, null);

    public static ReportRead DailyOf(ReportMonth month, AggregateDimension? dimension, int? bucket = null) =>
        new(month.Partition, month.First, month.Last, false, dimension, bucket);
}
