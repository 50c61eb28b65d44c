namespace KeyMeter.Core.Digests;

/// <summary>A developer whose spend on <see cref="Day"/> was over three times the median of their 7 days before it.</summary>
public sealed record SpendAnomaly(string Developer, DateOnly Day, decimal SpentUsd, decimal MedianUsd);
