using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>Sessions: <c>KeyMeter__Sessions__*</c>.</summary>
public sealed class AgentSessionOptions
{
    public const string SectionName = "KeyMeter:Sessions";

    /// <summary>The longest an idle gap may be before it is cut; the shortest is one slot.</summary>
    public const int MaxIdleGapMinutes = 24 * 60;

    /// <summary>
    /// Minutes without a call after which the next call of a key that names no session starts a new one. Default 30;
    /// at least <see cref="SessionEntry.SlotMinutes"/>.
    /// </summary>
    public int IdleGapMinutes { get; set; } = 30;

    public TimeSpan IdleGap => TimeSpan.FromMinutes(IdleGapMinutes);
}
