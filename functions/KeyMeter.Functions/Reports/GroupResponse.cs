using System.Text.Json.Serialization;
using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>One group of a summary: its value first, then its counters.</summary>
internal sealed class GroupResponse : CountersResponse
{
    private GroupResponse(ReportGroup group)
        : base(group.Counters)
    {
        Value = group.Value;
    }

    [JsonPropertyOrder(-1)]
    public string Value { get; }

    public static GroupResponse Of(ReportGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new GroupResponse(group);
    }
}
