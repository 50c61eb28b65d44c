namespace KeyMeter.Core.Pricing;

/// <summary>
/// The cost of one call at full decimal precision (the report layer rounds).
/// </summary>
/// <param name="CostUsd">Tokens × list (or negotiated) prices; null when the model is unpriced.</param>
/// <param name="CursorTokenFeeUsd">Cursor's token fee on the same call, kept as its own column (<see cref="CursorTokenFee"/>).</param>
/// <param name="PriceVersion">Version of the price table used; stored with the record instead of the prices themselves.</param>
/// <param name="PricedModel">Canonical id of the model whose prices were used; null when unpriced.</param>
/// <param name="Unpriced">True when no price was found; such records are flagged, never silently zero.</param>
public sealed record CallCost(
    decimal? CostUsd,
    decimal CursorTokenFeeUsd,
    string PriceVersion,
    string? PricedModel,
    bool Unpriced);
