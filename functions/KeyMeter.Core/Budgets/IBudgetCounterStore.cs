namespace KeyMeter.Core.Budgets;

/// <summary>
/// Port to the shared budget counters (Table Storage in production): one row per key id and period key
/// (<see cref="BudgetWindow.Key"/>), read and written whole under optimistic concurrency. Every instance of the app
/// reads and writes the same rows, so a write must fail rather than overwrite a change it has not seen.
/// </summary>
public interface IBudgetCounterStore
{
    /// <summary>The counter with its version, or <c>null</c> when the row does not exist.</summary>
    ValueTask<StoredBudgetCounter?> GetAsync(string keyId, string periodKey, CancellationToken cancellationToken);

    /// <summary>Creates the row; <see cref="BudgetCounterWriteOutcome.AlreadyExists"/> when another writer created it first.</summary>
    ValueTask<BudgetCounterWriteResult> CreateAsync(string keyId, string periodKey, BudgetCounter counter, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the row if it is still at <paramref name="expectedVersion"/>;
    /// <see cref="BudgetCounterWriteOutcome.ConcurrentChange"/> when it changed or no longer exists.
    /// </summary>
    ValueTask<BudgetCounterWriteResult> UpdateAsync(string keyId, string periodKey, BudgetCounter counter, string expectedVersion, CancellationToken cancellationToken);
}
