namespace KeyMeter.Core.Pricing;

/// <summary>The JSON shape of <c>prices.json</c>. Every member is nullable so that validation, not the parser, names what is missing.</summary>
internal sealed class PriceFile
{
    public string? Version { get; init; }

    public string? Source { get; init; }

    public string? Notes { get; init; }

    public List<PriceFileModel>? Models { get; init; }
}
