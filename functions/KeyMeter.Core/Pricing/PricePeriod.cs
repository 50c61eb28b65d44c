namespace KeyMeter.Core.Pricing;

/// <summary>
/// A model's prices over a span of UTC days: from <see cref="EffectiveFrom"/> (inclusive) to
/// <see cref="EffectiveTo"/> (exclusive; open-ended when null). Periods let history be re-priced
/// correctly across a price change such as Sonnet 5's introductory price.
/// </summary>
public sealed record PricePeriod(
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    TokenPrices Prices,
    LongContextTier? LongContext)
{
    public bool Covers(DateOnly day) => day >= EffectiveFrom && (EffectiveTo is not { } to || day < to);

    /// <summary>The prices a request with <paramref name="totalInputTokens"/> input tokens is billed at.</summary>
    public TokenPrices PricesFor(long totalInputTokens) =>
        LongContext is { } tier && totalInputTokens > tier.ThresholdTokens ? tier.Prices : Prices;
}
