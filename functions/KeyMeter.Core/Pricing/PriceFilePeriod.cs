namespace KeyMeter.Core.Pricing;

/// <summary>One price period of a model in <c>prices.json</c>: its dates, base rates and optional long-context tier.</summary>
internal sealed class PriceFilePeriod : PriceFileRates
{
    public DateOnly? EffectiveFrom { get; init; }

    public DateOnly? EffectiveTo { get; init; }

    public long? LongContextThreshold { get; init; }

    public PriceFileRates? LongContext { get; init; }
}
