using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Pricing;

/// <summary>
/// Cursor's token fee on bring-your-own-key requests: 0.25 USD per 1M tokens, counted over every
/// input bucket (cache reads and writes included) and the output (https://cursor.com/docs/account/teams/pricing).
/// </summary>
public static class CursorTokenFee
{
    public const decimal PerMillionUsd = 0.25m;

    public static decimal For(TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return usage.TotalTokens * PerMillionUsd / 1_000_000m;
    }
}
