using KeyMeter.Core.Cursor;

namespace KeyMeter.Core.Tests.Cursor;

/// <summary>Usage events shaped like the documented ones (https://cursor.com/docs/account/teams/admin-api), with their quirks.</summary>
internal static class CursorTestEvents
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static CursorUsageEvent Event(
        DateTimeOffset at,
        string email = "dev@corp.com",
        string model = "claude-4.5-sonnet",
        string kind = "Usage-based",
        decimal? charged = 21.36m,
        decimal? fee = 1.18m,
        CursorTokenUsage? tokens = null,
        bool noTokens = false,
        string? conversation = null) => new()
        {
            Timestamp = at.ToUnixTimeMilliseconds(),
            UserEmail = email,
            Model = model,
            Kind = kind,
            MaxMode = true,
            RequestsCosts = 5,
            IsTokenBasedCall = !noTokens,
            IsChargeable = kind != "Included in Business",
            ConversationId = conversation,
            TokenUsage = noTokens ? null : tokens ?? new CursorTokenUsage { InputTokens = 126, OutputTokens = 450, CacheWriteTokens = 6112, CacheReadTokens = 11964, TotalCents = 20.18m },
            ChargedCents = charged,
            CursorTokenFee = fee,
        };

    /// <summary>A copy of <paramref name="e"/> with other cents, as Cursor serves a corrected event.</summary>
    public static CursorUsageEvent Corrected(CursorUsageEvent e, decimal charged, decimal? fee) => new()
    {
        Timestamp = e.Timestamp,
        UserEmail = e.UserEmail,
        Model = e.Model,
        Kind = e.Kind,
        MaxMode = e.MaxMode,
        RequestsCosts = e.RequestsCosts,
        IsTokenBasedCall = e.IsTokenBasedCall,
        IsChargeable = e.IsChargeable,
        ConversationId = e.ConversationId,
        TokenUsage = e.TokenUsage,
        ChargedCents = charged,
        CursorTokenFee = fee,
    };

    /// <summary>Three days of mixed events: usage-based, included, BYOK (fee only), no token usage, fractional cents.</summary>
    public static List<CursorUsageEvent> Mixed()
    {
        var events = new List<CursorUsageEvent>();
        for (var i = 0; i < 60; i++)
        {
            var at = Now.AddHours(-70).AddMinutes(i * 67).AddMilliseconds(i);
            events.Add((i % 4) switch
            {
                0 => Event(at, email: $"dev{i % 5}@corp.com", charged: 40.16699999999999m + i, fee: 1.18m),
                1 => Event(at, email: $"dev{i % 5}@corp.com", kind: "Included in Business", charged: 8m, fee: null, noTokens: true),
                2 => Event(at, email: $"dev{i % 5}@corp.com", kind: "USAGE_EVENT_KIND_USER_API_KEY", model: "gpt-5", charged: 0.4125m, fee: 0.4125m),
                _ => Event(at, email: $"Dev{i % 5}@Corp.com", kind: "Usage-based", charged: 2450.125487m, fee: 3.5m, conversation: "8f2e" + i),
            });
        }

        // Two events Cursor cannot tell apart but for their cents: same millisecond, user, model and tokens.
        events.Add(Event(Now.AddHours(-5), email: "twin@corp.com", charged: 1.11m, fee: 0.11m));
        events.Add(Event(Now.AddHours(-5), email: "twin@corp.com", charged: 2.22m, fee: 0.22m));
        return events;
    }
}
