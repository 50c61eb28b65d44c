namespace KeyMeter.Core.Pricing;

/// <summary>USD per 1M tokens as written in <c>prices.json</c>; the long-context tier of a period.</summary>
internal class PriceFileRates
{
    public decimal? Input { get; init; }

    public decimal? CachedInput { get; init; }

    public decimal? CacheWrite5m { get; init; }

    public decimal? CacheWrite1h { get; init; }

    public decimal? Output { get; init; }
}
