using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Prices calls for the proxy: the estimate a budget reservation needs before forwarding, and the exact cost of the
/// usage the provider reported afterwards, both from the same versioned table.
/// </summary>
internal sealed class CallPricing(PriceTable prices)
{
    /// <summary>Output assumed when the request sets no limit: enough for a long agent turn, so budgets stay conservative.</summary>
    public const long DefaultOutputEstimate = 4096;

    public string Version => prices.Version;

    /// <summary>The reservation for a call: the estimated input priced as uncached plus the output limit.</summary>
    public decimal Estimate(Provider provider, string model, long estimatedInputTokens, long? maxOutputTokens, DateTimeOffset at)
    {
        var usage = new TokenUsage(estimatedInputTokens, 0, 0, 0, maxOutputTokens ?? DefaultOutputEstimate, 0);
        return Price(provider, model, usage, at).CostUsd ?? 0m;
    }

    public CallCost Price(Provider provider, string model, TokenUsage usage, DateTimeOffset at) =>
        CostCalculator.Calculate(usage, prices.Find(ProviderNames.Of(provider), model, at));
}
