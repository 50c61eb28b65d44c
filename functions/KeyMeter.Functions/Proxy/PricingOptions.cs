using System.ComponentModel.DataAnnotations;
using KeyMeter.Core.Pricing;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Negotiated or missing prices on top of the shipped table: <c>KeyMeter__Pricing__Overrides__0__Provider</c>,
/// <c>..__Model</c>, <c>..__Input</c>, <c>..__Output</c>, <c>..__CachedInput</c>, ... (USD per 1M tokens). Records
/// priced with overrides carry a price version with an <c>+overrides-…</c> suffix. Also what a model the table does
/// not know costs, and the limits assumed for it.
/// </summary>
public sealed class PricingOptions
{
    public const string SectionName = "KeyMeter:Pricing";

    [ValidateEnumeratedItems]
    public IList<PriceOverride> Overrides { get; } = [];

    /// <summary>
    /// <c>Fallback</c> (default): a model without a price is reserved and settled at the fallback prices and flagged
    /// unpriced. <c>Refuse</c>: such calls are refused on keys with a budget.
    /// </summary>
    public UnpricedModelPolicy UnpricedModels { get; set; } = UnpricedModelPolicy.Fallback;

    /// <summary>Fallback input price, USD per 1M tokens; default: the dearest input rate in the table.</summary>
    [Range(0d, 100_000d)]
    public decimal? FallbackInput { get; set; }

    /// <summary>Fallback output price, USD per 1M tokens; default: the dearest output rate in the table.</summary>
    [Range(0d, 100_000d)]
    public decimal? FallbackOutput { get; set; }

    /// <summary>Context window assumed for a model the table gives no limits for. Default 1,050,000 tokens.</summary>
    [Range(1_000L, 100_000_000L)]
    public long DefaultContextTokens { get; set; } = 1_050_000;

    /// <summary>Largest output assumed for a model the table gives no limits for. Default 128,000 tokens.</summary>
    [Range(1L, 10_000_000L)]
    public long DefaultMaxOutputTokens { get; set; } = 128_000;
}
