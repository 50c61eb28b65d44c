namespace KeyMeter.Core.Aggregation;

/// <summary>
/// A key's spend (<c>costUsd</c> of the key dimension, what its budgets count) on a UTC day and in that day's month,
/// as the aggregates hold it right after a batch was counted.
/// </summary>
public sealed record KeySpend(string KeyId, DateOnly Day, decimal DayCostUsd, decimal MonthCostUsd);
