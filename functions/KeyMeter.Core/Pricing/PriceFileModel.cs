namespace KeyMeter.Core.Pricing;

/// <summary>One model entry of <c>prices.json</c>.</summary>
internal sealed class PriceFileModel
{
    public string? Provider { get; init; }

    public string? Model { get; init; }

    /// <summary>Where a price that is not from the table's <c>source</c> comes from, or a pricing choice worth explaining.</summary>
    public string? Note { get; init; }

    public List<string>? Aliases { get; init; }

    public List<string>? Prefixes { get; init; }

    public List<PriceFilePeriod>? Periods { get; init; }

    /// <summary>The model's context window and largest output; absent: the configured defaults apply.</summary>
    public PriceFileLimits? Limits { get; init; }
}
