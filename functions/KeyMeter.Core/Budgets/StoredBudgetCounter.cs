namespace KeyMeter.Core.Budgets;

/// <summary>A counter with the opaque version (ETag) it was read or written at, for optimistic concurrency.</summary>
public sealed record StoredBudgetCounter(BudgetCounter Counter, string Version);
