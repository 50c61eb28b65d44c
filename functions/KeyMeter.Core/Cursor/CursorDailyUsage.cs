using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// One row of <c>data</c> from <c>POST /teams/daily-usage-data</c>: one user's activity on one UTC day
/// (https://cursor.com/docs/account/teams/admin-api). Counts may arrive as numbers or strings; a count that is missing
/// or null stays null, because Cursor leaving a field out is not the same as Cursor counting zero.
/// </summary>
public sealed class CursorDailyUsage
{
    /// <summary>A number in the docs, a string in other clients' schemas.</summary>
    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? UserId { get; init; }

    /// <summary>The start of the UTC day, epoch milliseconds; 0 when absent.</summary>
    [JsonConverter(typeof(CursorFlexibleLongConverter))]
    public long Date { get; init; }

    /// <summary>The same day as <c>YYYY-MM-DD</c>.</summary>
    public string? Day { get; init; }

    public string? Email { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? TotalLinesAdded { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? TotalLinesDeleted { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? AcceptedLinesAdded { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? TotalTabsAccepted { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? AgentRequests { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? ComposerRequests { get; init; }

    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? ChatRequests { get; init; }

    /// <summary>Requests made with the team's own provider key (BYOK), counted as raw events, not billable units.</summary>
    [JsonConverter(typeof(CursorFlexibleDecimalConverter))]
    public decimal? ApiKeyReqs { get; init; }
}
