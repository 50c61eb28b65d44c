using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Core.Pricing;

/// <summary>
/// A negotiated (or missing) price for one model, bound from configuration such as
/// <c>KeyMeter__Pricing__Overrides__0__Provider=anthropic</c>, <c>…__0__Model=claude-sonnet-4-5</c>,
/// <c>…__0__Input=2.4</c>, <c>…__0__Output=12</c>. Prices are USD per 1M tokens and apply on every date;
/// see <see cref="PriceTable.WithOverrides"/>.
/// </summary>
/// <remarks>
/// Omitted cache prices follow the provider's published rules: for Anthropic cache read 0.1 ×, 5-minute
/// write 1.25 × and 1-hour write 2 × the input price; for OpenAI and Google cache writes are not charged (0)
/// and an omitted cached-input price is the full input price, because their cache discount differs by model.
/// The same rules apply to the long-context tier, relative to <see cref="LongContextInput"/>.
/// </remarks>
public sealed class PriceOverride : IValidatableObject
{
    private const string NegativePrice = "{0} must not be negative (USD per 1M tokens).";

    /// <summary>One of <see cref="PriceProviders"/>.</summary>
    [Required]
    public string Provider { get; set; } = "";

    /// <summary>Canonical id or alias of a model in the table, or the id of a model to add.</summary>
    [Required]
    public string Model { get; set; } = "";

    /// <summary>Exact ids added to the model.</summary>
    public IList<string> Aliases { get; } = [];

    /// <summary>Id prefixes added to the model.</summary>
    public IList<string> Prefixes { get; } = [];

    [Required]
    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? Input { get; set; }

    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? CachedInput { get; set; }

    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? CacheWrite5m { get; set; }

    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? CacheWrite1h { get; set; }

    [Required]
    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? Output { get; set; }

    /// <summary>Total input tokens above which the whole request is billed at the <c>LongContext*</c> prices.</summary>
    [Range(1d, double.MaxValue, ErrorMessage = "{0} must be a positive number of tokens.")]
    public long? LongContextThreshold { get; set; }

    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? LongContextInput { get; set; }

    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? LongContextCachedInput { get; set; }

    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? LongContextCacheWrite5m { get; set; }

    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? LongContextCacheWrite1h { get; set; }

    [Range(0d, double.MaxValue, ErrorMessage = NegativePrice)]
    public decimal? LongContextOutput { get; set; }

    private bool HasAnyLongContextPrice =>
        LongContextInput is not null || LongContextCachedInput is not null || LongContextCacheWrite5m is not null
        || LongContextCacheWrite1h is not null || LongContextOutput is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!PriceProviders.IsKnown(Provider))
        {
            yield return new ValidationResult(
                $"Provider '{Provider}' is not one of {string.Join(", ", PriceProviders.All)}.", [nameof(Provider)]);
        }

        if (LongContextThreshold is not null && (LongContextInput is null || LongContextOutput is null))
        {
            yield return new ValidationResult(
                "A long-context threshold needs LongContextInput and LongContextOutput.", [nameof(LongContextInput), nameof(LongContextOutput)]);
        }

        if (LongContextThreshold is null && HasAnyLongContextPrice)
        {
            yield return new ValidationResult(
                "Long-context prices need LongContextThreshold.", [nameof(LongContextThreshold)]);
        }
    }

    /// <summary>The base prices with omitted cache prices filled in. Call only on a valid override.</summary>
    internal TokenPrices ToPrices() =>
        Resolve(Input!.Value, CachedInput, CacheWrite5m, CacheWrite1h, Output!.Value);

    /// <summary>The long-context tier, if any, with omitted cache prices filled in. Call only on a valid override.</summary>
    internal LongContextTier? ToLongContextTier() =>
        LongContextThreshold is { } threshold
            ? new LongContextTier(threshold, Resolve(LongContextInput!.Value, LongContextCachedInput, LongContextCacheWrite5m, LongContextCacheWrite1h, LongContextOutput!.Value))
            : null;

    // Anthropic's multipliers: https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#pricing
    private TokenPrices Resolve(decimal input, decimal? cachedInput, decimal? write5m, decimal? write1h, decimal output)
    {
        var anthropic = string.Equals(Provider, PriceProviders.Anthropic, StringComparison.OrdinalIgnoreCase);
        return new TokenPrices(
            input,
            cachedInput ?? (anthropic ? input * 0.1m : input),
            write5m ?? (anthropic ? input * 1.25m : 0m),
            write1h ?? (anthropic ? input * 2m : 0m),
            output);
    }
}
