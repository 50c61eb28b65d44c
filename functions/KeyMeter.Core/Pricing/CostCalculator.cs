using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Pricing;

/// <summary>
/// Prices one call: each disjoint bucket of <see cref="TokenUsage"/> at its own rate, so cache reads
/// and writes are never billed as plain input nor twice (BerriAI/litellm#11789, #9812). Reasoning
/// tokens are part of the output and are not billed again.
/// </summary>
public static class CostCalculator
{
    private const decimal TokensPerPriceUnit = 1_000_000m;

    public static CallCost Calculate(TokenUsage usage, PriceLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(lookup);

        var fee = CursorTokenFee.For(usage);
        if (!lookup.IsFound)
        {
            return new CallCost(null, fee, lookup.PriceVersion, null, Unpriced: true);
        }

        var cost = CostAt(usage, lookup.Period);
        return new CallCost(cost, fee, lookup.PriceVersion, lookup.PricedModel, Unpriced: false);
    }

    /// <summary>The cost of <paramref name="usage"/> at <paramref name="period"/>'s prices, in USD.</summary>
    public static decimal CostAt(TokenUsage usage, PricePeriod period)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(period);

        // Past the long-context threshold the tier prices apply to every token of the request.
        var prices = period.PricesFor(usage.TotalInputTokens);
        return (usage.InputTokens * prices.Input
            + usage.CachedInputTokens * prices.CachedInput
            + usage.CacheWrite5mTokens * prices.CacheWrite5m
            + usage.CacheWrite1hTokens * prices.CacheWrite1h
            + usage.OutputTokens * prices.Output) / TokensPerPriceUnit;
    }
}
