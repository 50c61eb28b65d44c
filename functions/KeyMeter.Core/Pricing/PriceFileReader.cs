using System.Text.Json;

namespace KeyMeter.Core.Pricing;

/// <summary>
/// Turns the JSON of a price table into a validated <see cref="PriceTable"/>. Collects every problem
/// before failing, each naming its model, so one fix-and-rebuild cycle is enough.
/// </summary>
internal static class PriceFileReader
{
    public static PriceTable Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        // 1. Parse. A syntax or shape error has no model to name; its JSON path says where it is.
        PriceFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, PriceTableJsonContext.Default.PriceFile);
        }
        catch (JsonException exception)
        {
            throw new PriceTableException($"Price table is not valid JSON at {exception.Path}: {exception.Message}", exception);
        }

        if (file is null)
        {
            throw new PriceTableException("Price table is empty.");
        }

        // 2. Convert each model, collecting what is missing.
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Version))
        {
            errors.Add("'version' is missing.");
        }

        if (file.Models is not { Count: > 0 })
        {
            errors.Add("'models' is missing or empty.");
        }

        var models = new List<ModelPricing>();
        foreach (var (entry, index) in (file.Models ?? []).Select((entry, index) => (entry, index)))
        {
            if (ToModel(entry, index, errors) is { } model)
            {
                models.Add(model);
            }
        }

        // 3. Check the table as a whole (duplicates, overlaps, negative prices) and report everything at once.
        return PriceTable.Create(file.Version ?? "", file.Source ?? "", models, errors);
    }

    private static ModelPricing? ToModel(PriceFileModel? entry, int index, List<string> errors)
    {
        if (entry is null)
        {
            errors.Add($"model #{index + 1} is null.");
            return null;
        }

        var name = PriceTableValidator.Describe(entry.Model, entry.Provider, index);
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(entry.Model))
        {
            errors.Add($"{name}: 'model' is missing.");
        }

        if (string.IsNullOrWhiteSpace(entry.Provider))
        {
            errors.Add($"{name}: 'provider' is missing.");
        }

        if (entry.Periods is not { Count: > 0 })
        {
            errors.Add($"{name}: 'periods' is missing or empty.");
        }

        var periods = new List<PricePeriod>();
        foreach (var period in entry.Periods ?? [])
        {
            if (ToPeriod(period, name, errors) is { } converted)
            {
                periods.Add(converted);
            }
        }

        ModelLimits? limits = null;
        if (entry.Limits is { } given)
        {
            if (given.ContextTokens is > 0 && given.MaxOutputTokens is > 0 && given.MaxOutputTokens <= given.ContextTokens)
            {
                limits = new ModelLimits(given.ContextTokens.Value, given.MaxOutputTokens.Value);
            }
            else
            {
                errors.Add($"{name}: 'limits' needs a positive 'contextTokens' and a positive 'maxOutputTokens' no larger than it.");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        periods.Sort((a, b) => a.EffectiveFrom.CompareTo(b.EffectiveFrom));
        return new ModelPricing(entry.Provider!, entry.Model!, entry.Aliases ?? [], entry.Prefixes ?? [], periods) { Limits = limits };
    }

    private static PricePeriod? ToPeriod(PriceFilePeriod? period, string name, List<string> errors)
    {
        if (period is null)
        {
            errors.Add($"{name}: a period is null.");
            return null;
        }

        var label = period.EffectiveFrom is { } from ? $"{name}: period from {from:yyyy-MM-dd}" : $"{name}: a period";
        var before = errors.Count;
        if (period.EffectiveFrom is null)
        {
            errors.Add($"{label}: 'effectiveFrom' is missing.");
        }

        var prices = ToPrices(period, label, errors);
        LongContextTier? tier = null;
        switch (period.LongContextThreshold, period.LongContext)
        {
            case (null, null):
                break;
            case ({ } threshold, { } rates):
                tier = ToPrices(rates, label + " long-context tier", errors) is { } tierPrices ? new LongContextTier(threshold, tierPrices) : null;
                break;
            case (null, _):
                errors.Add($"{label}: 'longContext' needs 'longContextThreshold'.");
                break;
            default:
                errors.Add($"{label}: 'longContextThreshold' needs 'longContext' prices.");
                break;
        }

        return errors.Count > before ? null : new PricePeriod(period.EffectiveFrom!.Value, period.EffectiveTo, prices!, tier);
    }

    private static TokenPrices? ToPrices(PriceFileRates rates, string label, List<string> errors)
    {
        (string Name, decimal? Value)[] fields =
        [
            ("input", rates.Input),
            ("cachedInput", rates.CachedInput),
            ("cacheWrite5m", rates.CacheWrite5m),
            ("cacheWrite1h", rates.CacheWrite1h),
            ("output", rates.Output),
        ];
        var missing = fields.Where(field => field.Value is null).Select(field => field.Name).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"{label}: missing price(s) {string.Join(", ", missing)}.");
            return null;
        }

        return new TokenPrices(rates.Input!.Value, rates.CachedInput!.Value, rates.CacheWrite5m!.Value, rates.CacheWrite1h!.Value, rates.Output!.Value);
    }
}
