using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;
using KeyMeter.Core.Proxy;
using KeyMeter.Functions.Proxy.Providers;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// The proxy's view of <see cref="CallPricer"/>: the ceiling a budget reserves before a call is forwarded and the cost
/// of the usage the provider reported, from the configured table, fallback prices and default limits.
/// </summary>
internal sealed class CallPricing(PriceTable prices, IOptions<PricingOptions> options)
{
    private readonly CallPricer _pricer = Create(prices, options.Value);

    public UnpricedModelPolicy UnpricedModels => _pricer.Policy;

    public CallCeiling Ceiling(ProviderDescription provider, string model, RequestSummary summary, long bodyBytes, DateTimeOffset at) =>
        _pricer.Ceiling(provider.PriceProvider, model, new CallShape(bodyBytes, summary.UnboundedInput is null, summary.MaxOutputTokens, summary.Choices), at);

    /// <summary>The most output one call to <paramref name="model"/> can ask for, from the price table or the defaults.</summary>
    public long OutputLimit(ProviderDescription provider, string model, DateTimeOffset at) => _pricer.Limits(provider.PriceProvider, model, at).MaxOutputTokens;

    public CallCost Price(ProviderDescription provider, string model, TokenUsage usage, DateTimeOffset at) =>
        Price(provider.PriceProvider, model, usage, at);

    /// <summary>The cost of <paramref name="usage"/> at the prices of <paramref name="priceProvider"/> (agent telemetry names it).</summary>
    public CallCost Price(string priceProvider, string model, TokenUsage usage, DateTimeOffset at) =>
        _pricer.Price(priceProvider, model, usage, at);

    private static CallPricer Create(PriceTable table, PricingOptions options)
    {
        var dearest = CallPricer.DearestRates(table);
        var fallback = options.FallbackInput is null && options.FallbackOutput is null
            ? dearest
            : Conservative(options.FallbackInput ?? dearest.Input, options.FallbackOutput ?? dearest.Output);
        return new CallPricer(table, options.UnpricedModels, fallback, new ModelLimits(options.DefaultContextTokens, options.DefaultMaxOutputTokens));
    }

    /// <summary>Configured fallback prices: cache reads at the input price, cache writes at twice it.</summary>
    private static TokenPrices Conservative(decimal input, decimal output) => new(input, input, input * 2, input * 2, output);
}
