namespace KeyMeter.Functions.Tests.Cursor;

/// <summary>One usage event the stand-in serves, and which documented variant of the JSON it is written in.</summary>
/// <param name="KindField">How the kind is sent: <c>kind</c> (a label or an enum code) or <c>kindLabel</c>.</param>
/// <param name="Tokens">Null: no <c>tokenUsage</c> at all (a call that is not token based).</param>
/// <param name="OmitCacheWrite">Leave <c>cacheWriteTokens</c> out of <c>tokenUsage</c>.</param>
internal sealed record StandInEvent(
    DateTimeOffset At,
    string Email,
    string Model,
    string Kind,
    string KindField,
    decimal ChargedCents,
    decimal? CursorTokenFee,
    (long Input, long Output, long CacheWrite, long CacheRead)? Tokens,
    bool OmitCacheWrite = false,
    string? ConversationId = null)
{
    public bool IsByok => Kind.Contains("API_KEY", StringComparison.OrdinalIgnoreCase) || Kind.Contains("API Key", StringComparison.OrdinalIgnoreCase);
}
