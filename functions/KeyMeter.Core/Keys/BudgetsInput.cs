namespace KeyMeter.Core.Keys;

/// <summary>Budgets as sent by a client, in USD; <c>null</c> means no limit.</summary>
public sealed record BudgetsInput(decimal? Daily, decimal? Monthly);
