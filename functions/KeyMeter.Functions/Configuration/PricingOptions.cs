using KeyMeter.Core.Pricing;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Configuration;

/// <summary>
/// Negotiated or missing prices on top of the shipped table: <c>KeyMeter__Pricing__Overrides__0__Provider</c>,
/// <c>..__Model</c>, <c>..__Input</c>, <c>..__Output</c>, <c>..__CachedInput</c>, ... (USD per 1M tokens). Records
/// priced with overrides carry a price version with an <c>+overrides-…</c> suffix.
/// </summary>
public sealed class PricingOptions
{
    public const string SectionName = "KeyMeter:Pricing";

    [ValidateEnumeratedItems]
    public IList<PriceOverride> Overrides { get; } = [];
}
