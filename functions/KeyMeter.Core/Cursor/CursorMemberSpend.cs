using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// One row of <c>teamMemberSpend</c> from <c>POST /teams/spend</c>, for the current billing cycle only. Cents are
/// fractional; <see cref="SpendCents"/> is on-demand only since 2026 and <see cref="OverallSpendCents"/> the total.
/// </summary>
public sealed class CursorMemberSpend
{
    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? UserId { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Role { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? SpendCents { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? OverallSpendCents { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? FastPremiumRequests { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? HardLimitOverrideDollars { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? MonthlyLimitDollars { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? EffectivePerUserLimitDollars { get; init; }
}
