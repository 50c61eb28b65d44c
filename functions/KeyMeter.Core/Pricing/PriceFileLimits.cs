namespace KeyMeter.Core.Pricing;

/// <summary>The <c>limits</c> of a model entry of <c>prices.json</c>.</summary>
internal sealed class PriceFileLimits
{
    public long? ContextTokens { get; init; }

    public long? MaxOutputTokens { get; init; }
}
