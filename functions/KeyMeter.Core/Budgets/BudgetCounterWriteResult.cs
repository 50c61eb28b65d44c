namespace KeyMeter.Core.Budgets;

/// <summary>The outcome of a counter write and, on success, the row's new version.</summary>
public readonly record struct BudgetCounterWriteResult(BudgetCounterWriteOutcome Outcome, string? Version)
{
    public bool IsSuccess => Outcome == BudgetCounterWriteOutcome.Success;

    public static BudgetCounterWriteResult Written(string version) => new(BudgetCounterWriteOutcome.Success, version);

    public static BudgetCounterWriteResult AlreadyExists { get; } = new(BudgetCounterWriteOutcome.AlreadyExists, null);

    public static BudgetCounterWriteResult ConcurrentChange { get; } = new(BudgetCounterWriteOutcome.ConcurrentChange, null);
}
