namespace KeyMeter.Core.Budgets;

/// <summary>
/// Money held for one admitted request in each budget of its key. Hand it back to the gate that issued it exactly
/// once: <see cref="BudgetGate.SettleAsync"/> with the actual cost, or <see cref="BudgetGate.ReleaseAsync"/> when
/// nothing was spent; a second call is a no-op.
/// </summary>
public sealed class BudgetReservation
{
    private readonly BudgetLease[] _leases;
    private int _completed;

    internal BudgetReservation(BudgetGate issuer, string keyId, decimal estimateUsd, decimal reservedUsd, BudgetLease[] leases, DateTimeOffset reservedAt)
    {
        Issuer = issuer;
        ReservedAt = reservedAt;
        KeyId = keyId;
        EstimateUsd = estimateUsd;
        ReservedUsd = reservedUsd;
        _leases = leases;
    }

    public string KeyId { get; }

    /// <summary>The estimate the caller passed; an unknown actual cost settles at this.</summary>
    public decimal EstimateUsd { get; }

    /// <summary>What is held in each budget: the estimate, at least the gate's minimum; 0 for a key without budgets.</summary>
    public decimal ReservedUsd { get; }

    /// <summary>The budget periods the money is held in; empty for a key without budgets.</summary>
    public IReadOnlyList<BudgetWindow> Windows => [.. _leases.Select(lease => lease.Window)];

    /// <summary>True once settled or released.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    internal BudgetGate Issuer { get; }

    internal DateTimeOffset ReservedAt { get; }

    internal IReadOnlyList<BudgetLease> Leases => _leases;

    /// <summary>True for the first caller only: the one that settles or releases.</summary>
    internal bool TryComplete() => Interlocked.Exchange(ref _completed, 1) == 0;
}
