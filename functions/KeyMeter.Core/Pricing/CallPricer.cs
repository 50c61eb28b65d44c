using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Pricing;

/// <summary>
/// Prices proxied calls from one versioned table: the ceiling a budget reserves before a call is forwarded, and the
/// cost of the usage the provider reported afterwards. A model the table lacks is never free: it is priced at the
/// fallback prices (flagged unpriced) or, under <see cref="UnpricedModelPolicy.Refuse"/>, refused on budgeted keys.
/// </summary>
public sealed class CallPricer
{
    /// <summary>
    /// Tokens a call bills beyond its body's bytes: message framing, tool-use system prompts. A body of text never
    /// takes more tokens than it has bytes (every token of the tokenizers in use stands for at least one byte).
    /// </summary>
    public const long FramingTokens = 1_000;

    private readonly PriceTable _table;
    private readonly PricePeriod _fallback;
    private readonly ModelLimits _defaultLimits;

    public CallPricer(PriceTable table, UnpricedModelPolicy policy, TokenPrices? fallback, ModelLimits defaultLimits)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(defaultLimits);
        _table = table;
        Policy = policy;
        _fallback = new PricePeriod(DateOnly.MinValue, null, fallback ?? DearestRates(table), null);
        _defaultLimits = defaultLimits;
    }

    public UnpricedModelPolicy Policy { get; }

    public string Version => _table.Version;

    /// <summary>The prices unknown models are charged at.</summary>
    public TokenPrices FallbackPrices => _fallback.Prices;

    /// <summary>The context window and output limit of <paramref name="model"/>, or the defaults for a model without a price.</summary>
    public ModelLimits Limits(string provider, string model, DateTimeOffset at) => _table.Find(provider, model, at).Limits ?? _defaultLimits;

    /// <summary>The most a call of <paramref name="shape"/> to <paramref name="model"/> can cost.</summary>
    public CallCeiling Ceiling(string provider, string model, CallShape shape, DateTimeOffset at)
    {
        var lookup = _table.Find(provider, model, at);
        var limits = lookup.Limits ?? _defaultLimits;
        var input = shape.InputBoundedByBody ? Math.Min(limits.ContextTokens, SaturatingAdd(Math.Max(0, shape.BodyBytes), FramingTokens)) : limits.ContextTokens;
        var perChoice = Math.Min(shape.MaxOutputTokens ?? limits.MaxOutputTokens, limits.MaxOutputTokens);
        var output = SaturatingMultiply(Math.Max(0, perChoice), Math.Max(1, shape.Choices));
        var period = lookup.IsFound ? lookup.Period : _fallback;

        // The input billed at its dearest: plain, or written to a one-hour cache (Anthropic bills that at twice the
        // input rate); the long-context tier applies when the ceiling passes its threshold.
        var plain = new TokenUsage(input, 0, 0, 0, output, 0);
        var cached = new TokenUsage(0, 0, 0, input, output, 0);
        var cost = Math.Max(CostCalculator.CostAt(plain, period), CostCalculator.CostAt(cached, period));
        return new CallCeiling(plain, cost, Unpriced: !lookup.IsFound);
    }

    /// <summary>The cost of the usage a provider reported; an unknown model is priced at the fallback and flagged.</summary>
    public CallCost Price(string provider, string model, TokenUsage usage, DateTimeOffset at)
    {
        var cost = CostCalculator.Calculate(usage, _table.Find(provider, model, at));
        return cost.CostUsd is not null
            ? cost
            : cost with { CostUsd = CostCalculator.CostAt(usage, _fallback), PriceVersion = cost.PriceVersion + "+fallback" };
    }

    /// <summary>The dearest rate of each bucket over every model and period of the table, long-context tiers included.</summary>
    public static TokenPrices DearestRates(PriceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rates = table.Models.SelectMany(model => model.Periods)
            .SelectMany(period => period.LongContext is { } tier ? new[] { period.Prices, tier.Prices } : [period.Prices])
            .ToList();
        return new TokenPrices(
            rates.Max(rate => rate.Input),
            rates.Max(rate => rate.CachedInput),
            rates.Max(rate => rate.CacheWrite5m),
            rates.Max(rate => rate.CacheWrite1h),
            rates.Max(rate => rate.Output));
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long SaturatingMultiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}
