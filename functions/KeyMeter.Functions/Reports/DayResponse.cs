using System.Text.Json.Serialization;
using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>One day of a daily report: its date (<c>yyyy-MM-dd</c>) first, then its counters.</summary>
internal sealed class DayResponse : CountersResponse
{
    private DayResponse(ReportDay day)
        : base(day.Counters)
    {
        Date = day.Date;
    }

    [JsonPropertyOrder(-1)]
    public DateOnly Date { get; }

    public static DayResponse Of(ReportDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new DayResponse(day);
    }
}
