namespace KeyMeter.Core.Pricing;

/// <summary>
/// Rules a price table must keep to be unambiguous: known providers, no id, alias or prefix claimed by
/// two models, no negative price, ordered periods that do not overlap, and sensible long-context tiers.
/// </summary>
internal static class PriceTableValidator
{
    public static string Describe(string? model, string? provider, int index) =>
        string.IsNullOrWhiteSpace(model) ? $"model #{index + 1}" : $"model '{model}' ({provider ?? "no provider"})";

    public static List<string> Validate(IReadOnlyList<ModelPricing> models)
    {
        var errors = new List<string>();
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i];
            var name = Describe(model.Model, model.Provider, i);
            if (!PriceProviders.IsKnown(model.Provider))
            {
                errors.Add($"{name}: provider '{model.Provider}' is not one of {string.Join(", ", PriceProviders.All)}.");
            }

            Claim(ids, "id or alias", [model.Model, .. model.Aliases], model.Model, name, errors);
            Claim(prefixes, "prefix", model.Prefixes, model.Model, name, errors);
            ValidatePeriods(model.Periods, name, errors);
        }

        return errors;
    }

    private static void Claim(Dictionary<string, string> owners, string kind, IEnumerable<string> values, string model, string name, List<string> errors)
    {
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{name}: an empty {kind}.");
            }
            else if (!owners.TryAdd(value.Trim(), model))
            {
                errors.Add($"{name}: {kind} '{value}' is already claimed by model '{owners[value.Trim()]}'.");
            }
        }
    }

    private static void ValidatePeriods(IReadOnlyList<PricePeriod> periods, string name, List<string> errors)
    {
        if (periods.Count == 0)
        {
            errors.Add($"{name}: no price period.");
        }

        PricePeriod? previous = null;
        foreach (var period in periods.OrderBy(p => p.EffectiveFrom))
        {
            var label = $"{name}: period from {period.EffectiveFrom:yyyy-MM-dd}";
            if (period.EffectiveTo is { } to && to <= period.EffectiveFrom)
            {
                errors.Add($"{label}: 'effectiveTo' {to:yyyy-MM-dd} is not after 'effectiveFrom'.");
            }

            if (previous is not null && (previous.EffectiveTo is not { } previousEnd || previousEnd > period.EffectiveFrom))
            {
                errors.Add($"{label}: overlaps the period from {previous.EffectiveFrom:yyyy-MM-dd}.");
            }

            if (period.Prices.HasNegative)
            {
                errors.Add($"{label}: a price is negative.");
            }

            if (period.LongContext is { } tier)
            {
                if (tier.ThresholdTokens <= 0)
                {
                    errors.Add($"{label}: 'longContextThreshold' must be positive.");
                }

                if (tier.Prices.HasNegative)
                {
                    errors.Add($"{label}: a long-context price is negative.");
                }
            }

            previous = period;
        }
    }
}
