namespace KeyMeter.Core.Budgets;

/// <summary>Expected results of a write to the budget counter store.</summary>
public enum BudgetCounterWriteOutcome
{
    /// <summary>The row was written.</summary>
    Success,

    /// <summary>Create: the row exists already.</summary>
    AlreadyExists,

    /// <summary>Update: the row changed (or vanished) since the version passed was read.</summary>
    ConcurrentChange,
}
