namespace KeyMeter.Core.Reports;

/// <summary>One budget of a key in one period: its limit and what the aggregates say was spent against it.</summary>
/// <param name="LimitUsd">The limit in USD (positive).</param>
/// <param name="SpentUsd">The key's <c>costUsd</c> in the period so far: what the proxy's budget counter settles.</param>
public sealed record BudgetUse(decimal LimitUsd, decimal SpentUsd)
{
    /// <summary>Spent over limit: 0.8 is 80 %; above 1 once the limit is passed (in-flight calls may overshoot it).</summary>
    public decimal Fraction => LimitUsd <= 0m ? 0m : SpentUsd / LimitUsd;

    /// <summary>What is left before the limit, never below zero.</summary>
    public decimal RemainingUsd => Math.Max(0m, LimitUsd - SpentUsd);
}
