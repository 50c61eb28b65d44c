namespace KeyMeter.Core.Budgets;

/// <summary>The outcome of a lease's storage operation and the counter as it stood (after this instance's write).</summary>
internal readonly record struct BudgetLeaseResult(BudgetLeaseOutcome Outcome, BudgetCounter? Counter)
{
    public static BudgetLeaseResult Done(BudgetCounter? counter) => new(BudgetLeaseOutcome.Done, counter);

    public static BudgetLeaseResult Refused(BudgetCounter counter) => new(BudgetLeaseOutcome.Refused, counter);

    public static BudgetLeaseResult Contended { get; } = new(BudgetLeaseOutcome.Contended, null);

    public static BudgetLeaseResult Retired { get; } = new(BudgetLeaseOutcome.Retired, null);
}
