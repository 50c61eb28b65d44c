using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>One page of <c>POST /teams/spend</c>.</summary>
public sealed class CursorSpendPage
{
    public IReadOnlyList<CursorMemberSpend>? TeamMemberSpend { get; init; }

    /// <summary>Start of the current billing cycle, epoch milliseconds.</summary>
    [JsonConverter(typeof(CursorFlexibleLongConverter))]
    public long SubscriptionCycleStart { get; init; }

    public int? TotalMembers { get; init; }

    public int? TotalPages { get; init; }
}
