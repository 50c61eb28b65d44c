namespace KeyMeter.Core.Reports;

/// <summary>
/// The part of a <see cref="ReportRange"/> inside one month partition: either the whole month, which the month's
/// rollup rows answer, or the days <see cref="First"/> to <see cref="Last"/>, which only daily rows can answer.
/// </summary>
internal readonly record struct ReportMonth(string Partition, DateOnly First, DateOnly Last, bool IsWholeMonth)
{
    public int Days => Last.DayNumber - First.DayNumber + 1;
}
