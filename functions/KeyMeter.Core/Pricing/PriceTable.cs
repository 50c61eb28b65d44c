namespace KeyMeter.Core.Pricing;

/// <summary>
/// The versioned table of model prices. The default table is embedded in this
/// assembly (<c>Pricing/prices.json</c>) and validated when first loaded; negotiated prices are layered
/// on with <see cref="WithOverrides"/>, which changes <see cref="Version"/> so records say which prices
/// they were computed with. Instances are immutable and safe to share.
/// </summary>
public sealed class PriceTable
{
    internal const string ResourceName = "KeyMeter.Core.Pricing.prices.json";

    private static readonly Lazy<PriceTable> Default = new(ReadEmbedded);

    private readonly ModelIndex _index;

    private PriceTable(string version, string source, IReadOnlyList<ModelPricing> models)
    {
        Version = version;
        Source = source;
        Models = models;
        _index = new ModelIndex(models);
    }

    /// <summary>The table version stored with every priced record, e.g. <c>2026-11-22</c> or <c>2026-11-22+overrides-1a2b3c4d</c>.</summary>
    public string Version { get; }

    /// <summary>Where the prices come from.</summary>
    public string Source { get; }

    public IReadOnlyList<ModelPricing> Models { get; }

    /// <summary>The embedded table. Throws <see cref="PriceTableException"/> if the shipped file is invalid (a build defect).</summary>
    public static PriceTable LoadDefault() => Default.Value;

    /// <summary>Reads and validates a table from JSON in the shape of <c>prices.json</c>.</summary>
    internal static PriceTable Parse(string json) => PriceFileReader.Read(json);

    /// <param name="version">The table version.</param>
    /// <param name="source">Where the prices come from.</param>
    /// <param name="models">The models, each with its periods ordered by start date.</param>
    /// <param name="earlierErrors">Problems found while reading, reported together with the table's own.</param>
    internal static PriceTable Create(string version, string source, IReadOnlyList<ModelPricing> models, IReadOnlyList<string>? earlierErrors = null)
    {
        List<string> errors = [.. earlierErrors ?? [], .. PriceTableValidator.Validate(models)];
        if (errors.Count > 0)
        {
            throw PriceTableException.FromErrors(version, errors);
        }

        return new PriceTable(version, source, models);
    }

    /// <summary>
    /// The prices of <paramref name="model"/> on the UTC day of <paramref name="at"/>. Matching ignores case,
    /// a routing prefix (<c>openai/</c>, <c>anthropic/</c>) and a <c>-latest</c> suffix; an exact id or alias
    /// wins over a prefix, and the longest prefix wins among prefixes. An unknown model, or a day without a
    /// price, gives a lookup that is not found; this method does not throw for data it is given.
    /// </summary>
    /// <param name="provider">One of <see cref="PriceProviders"/>; empty to match any provider.</param>
    /// <param name="model">The model id as the client or provider reported it.</param>
    /// <param name="at">When the call was made.</param>
    public PriceLookup Find(string provider, string model, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);

        var pricing = _index.Match(provider, model);
        var period = pricing?.PeriodAt(DateOnly.FromDateTime(at.UtcDateTime));
        return pricing is null || period is null
            ? PriceLookup.NotFound(Version, model)
            : new PriceLookup(Version, model, pricing.Provider, pricing.Model, period) { Limits = pricing.Limits };
    }

    /// <summary>
    /// A new table in which each override replaces the prices of the model it names (matched by provider
    /// and canonical id or alias) for every date, or adds the model when the table lacks it. The version
    /// becomes <c>{Version}+overrides-{hash}</c>, the hash taken over the overrides' effect, so equal
    /// overrides give equal versions. No overrides returns this table unchanged.
    /// </summary>
    /// <exception cref="PriceTableException">An override is invalid or clashes with another model's alias or prefix.</exception>
    public PriceTable WithOverrides(IEnumerable<PriceOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);

        var list = overrides.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        var (models, fingerprint) = PriceOverrideMerger.Apply(Models, list, Version);
        return Create($"{Version}+overrides-{fingerprint}", Source, models);
    }

    private static PriceTable ReadEmbedded()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new PriceTableException($"Embedded resource '{ResourceName}' is missing from {typeof(PriceTable).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
