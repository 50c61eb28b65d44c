using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KeyMeter.Core.Pricing;

/// <summary>
/// Layers <see cref="PriceOverride"/>s onto a table's models and fingerprints their effect, so that the
/// resulting version says "negotiated prices" and which ones (records store a
/// price-version id, not the price entry).
/// </summary>
internal static class PriceOverrideMerger
{
    public static (List<ModelPricing> Models, string Fingerprint) Apply(
        IReadOnlyList<ModelPricing> baseModels, IReadOnlyList<PriceOverride> overrides, string baseVersion)
    {
        var models = new List<ModelPricing>(baseModels);
        var overridden = new HashSet<int>();
        var errors = new List<string>();
        for (var i = 0; i < overrides.Count; i++)
        {
            var priceOverride = overrides[i] ?? throw new ArgumentException($"Override #{i + 1} is null.", nameof(overrides));
            var name = $"override for {PriceTableValidator.Describe(priceOverride.Model, priceOverride.Provider, i)}";

            // 1. The same rules the options validator applies at start, for callers that skipped it.
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(priceOverride, new ValidationContext(priceOverride), results, validateAllProperties: true))
            {
                errors.AddRange(results.Select(result => $"{name}: {result.ErrorMessage}"));
                continue;
            }

            // 2. Replace the named model's prices on every date, or add the model.
            var provider = PriceProviders.All.First(known => string.Equals(known, priceOverride.Provider, StringComparison.OrdinalIgnoreCase));
            var period = new PricePeriod(DateOnly.MinValue, null, priceOverride.ToPrices(), priceOverride.ToLongContextTier());
            var index = models.FindIndex(model => Names(model, provider, priceOverride.Model.Trim()));
            if (index < 0)
            {
                models.Add(new ModelPricing(provider, priceOverride.Model.Trim(), Union([], priceOverride.Aliases), Union([], priceOverride.Prefixes), [period]));
                index = models.Count - 1;
            }
            else
            {
                var existing = models[index];
                models[index] = existing with
                {
                    Aliases = Union(existing.Aliases, priceOverride.Aliases),
                    Prefixes = Union(existing.Prefixes, priceOverride.Prefixes),
                    Periods = [period],
                };
            }

            if (!overridden.Add(index))
            {
                errors.Add($"{name}: model '{models[index].Model}' is overridden more than once.");
            }
        }

        if (errors.Count > 0)
        {
            throw PriceTableException.FromErrors(baseVersion + "+overrides", errors);
        }

        return (models, Fingerprint(overridden.Select(index => models[index])));
    }

    private static bool Names(ModelPricing model, string provider, string id) =>
        string.Equals(model.Provider, provider, StringComparison.OrdinalIgnoreCase)
        && (string.Equals(model.Model, id, StringComparison.OrdinalIgnoreCase)
            || model.Aliases.Contains(id, StringComparer.OrdinalIgnoreCase));

    private static string[] Union(IEnumerable<string> first, IEnumerable<string> second) =>
        [.. first.Concat(second.Select(value => value.Trim())).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// First 8 hex digits of SHA-256 over a canonical text of the overridden models: ordered by provider and
    /// id, decimals without trailing zeros, so neither configuration order nor "2.50" vs "2.5" changes it.
    /// </summary>
    private static string Fingerprint(IEnumerable<ModelPricing> models)
    {
        var text = new StringBuilder();
        foreach (var model in models
            .OrderBy(model => model.Provider, StringComparer.OrdinalIgnoreCase)
            .ThenBy(model => model.Model, StringComparer.OrdinalIgnoreCase))
        {
            var period = model.Periods[0];
            text.Append(CultureInfo.InvariantCulture, $"{model.Provider}|{model.Model}")
                .Append(CultureInfo.InvariantCulture, $"|aliases={Canonical(model.Aliases)}|prefixes={Canonical(model.Prefixes)}")
                .Append(CultureInfo.InvariantCulture, $"|{Canonical(period.Prices)}")
                .Append(CultureInfo.InvariantCulture, $"|long={period.LongContext?.ThresholdTokens}:{(period.LongContext is { } tier ? Canonical(tier.Prices) : "")}")
                .Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..8];
    }

    private static string Canonical(IEnumerable<string> values) =>
        string.Join(',', values.Select(value => value.ToUpperInvariant()).Order(StringComparer.Ordinal));

    private static string Canonical(TokenPrices prices) =>
        string.Join(',', new[] { prices.Input, prices.CachedInput, prices.CacheWrite5m, prices.CacheWrite1h, prices.Output }
            .Select(price => price.ToString("0.############################", CultureInfo.InvariantCulture)));
}
