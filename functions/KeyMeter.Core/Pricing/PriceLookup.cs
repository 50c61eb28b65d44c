using System.Diagnostics.CodeAnalysis;

namespace KeyMeter.Core.Pricing;

/// <summary>
/// The result of <see cref="PriceTable.Find"/>: the prices in force for a model on a day, or "not found"
/// (an unknown model, or a known model without a price on that day). Carries the table version either
/// way, so that every usage record says which prices it was computed with (README, Architecture).
/// </summary>
/// <param name="PriceVersion">The table version, with an <c>+overrides-…</c> suffix when negotiated prices apply.</param>
/// <param name="RequestedModel">The model id as the caller passed it.</param>
/// <param name="Provider">The provider of the matched model; null when not found.</param>
/// <param name="PricedModel">The canonical id of the matched model; null when not found.</param>
/// <param name="Period">The price period in force; null when not found.</param>
public sealed record PriceLookup(
    string PriceVersion,
    string RequestedModel,
    string? Provider,
    string? PricedModel,
    PricePeriod? Period)
{
    /// <summary>The matched model's limits; null when not found or when the table gives none.</summary>
    public ModelLimits? Limits { get; init; }

    [MemberNotNullWhen(true, nameof(Provider), nameof(PricedModel), nameof(Period))]
    public bool IsFound => Period is not null;

    public static PriceLookup NotFound(string priceVersion, string requestedModel) =>
        new(priceVersion, requestedModel, null, null, null);
}
