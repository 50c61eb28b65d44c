using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>A usage event's <c>tokenUsage</c>; any count may be missing (it is then 0).</summary>
public sealed class CursorTokenUsage
{
    [JsonConverter(typeof(CursorFlexibleLongConverter))]
    public long InputTokens { get; init; }

    [JsonConverter(typeof(CursorFlexibleLongConverter))]
    public long OutputTokens { get; init; }

    [JsonConverter(typeof(CursorFlexibleLongConverter))]
    public long CacheWriteTokens { get; init; }

    [JsonConverter(typeof(CursorFlexibleLongConverter))]
    public long CacheReadTokens { get; init; }

    /// <summary>Model cost in cents before the Cursor Token Fee (not what is charged: see <see cref="CursorUsageEvent.ChargedCents"/>).</summary>
    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? TotalCents { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? DiscountPercentOff { get; init; }
}
