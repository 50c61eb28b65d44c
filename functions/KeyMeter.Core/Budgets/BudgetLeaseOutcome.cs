namespace KeyMeter.Core.Budgets;

/// <summary>How a storage operation of a <see cref="BudgetLease"/> ended.</summary>
internal enum BudgetLeaseOutcome
{
    /// <summary>Done: the amount is reserved, or the pending changes are written.</summary>
    Done,

    /// <summary>The counter has less left than the request needs.</summary>
    Refused,

    /// <summary>Other instances kept winning the ETag race; nothing was reserved.</summary>
    Contended,

    /// <summary>The lease was retired after its period ended; take a new one.</summary>
    Retired,
}
