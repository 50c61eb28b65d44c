using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Pricing;

/// <summary>The most one call can cost: what a budget reserves before forwarding it.</summary>
/// <param name="Tokens">The largest usage the provider can bill for it.</param>
/// <param name="CostUsd">Those tokens at the dearest way the provider can bill them.</param>
/// <param name="Unpriced">True when the model has no price and the fallback prices were used.</param>
public sealed record CallCeiling(TokenUsage Tokens, decimal CostUsd, bool Unpriced);
