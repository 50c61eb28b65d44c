using KeyMeter.Core.Pricing;

namespace KeyMeter.Core.Proxy;

/// <summary>The provider of a proxy route, named as records, prices and reports spell it.</summary>
public static class ProviderNames
{
    public static string Of(Provider provider) => provider == Provider.OpenAI ? PriceProviders.OpenAI : PriceProviders.Anthropic;
}
