using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// One row of <c>usageEvents</c> from <c>POST /teams/filtered-usage-events</c>: Cursor's per-request cost ledger
/// (https://cursor.com/docs/account/teams/admin-api). Cursor returns no event id; <see cref="CursorEventIdentity"/> derives one.
/// </summary>
public sealed class CursorUsageEvent
{
    /// <summary>Epoch milliseconds, sent as a string (<c>"1750979225854"</c>).</summary>
    [JsonConverter(typeof(CursorFlexibleLongConverter))]
    public long Timestamp { get; init; }

    public string? UserEmail { get; init; }

    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? ServiceAccountId { get; init; }

    public string? ServiceAccountName { get; init; }

    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? CloudAgentId { get; init; }

    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? AutomationId { get; init; }

    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? ConversationId { get; init; }

    public string? Model { get; init; }

    /// <summary>The billing category: a label (<c>"Usage-based"</c>) or a <c>USAGE_EVENT_KIND_*</c> code.</summary>
    public string? Kind { get; init; }

    /// <summary>The same as <see cref="Kind"/> under the name an earlier revision of the docs used.</summary>
    public string? KindLabel { get; init; }

    public bool MaxMode { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? RequestsCosts { get; init; }

    public bool IsTokenBasedCall { get; init; }

    public bool IsChargeable { get; init; }

    public bool IsHeadless { get; init; }

    /// <summary>Absent on calls that are not token based; a row without it is valid.</summary>
    public CursorTokenUsage? TokenUsage { get; init; }

    /// <summary>The authoritative charge in cents: model cost plus the Cursor Token Fee. Fractional.</summary>
    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? ChargedCents { get; init; }

    /// <summary>The Cursor Token Fee in cents, when it applied; included in <see cref="ChargedCents"/>.</summary>
    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? CursorTokenFee { get; init; }
}
