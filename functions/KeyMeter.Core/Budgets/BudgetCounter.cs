namespace KeyMeter.Core.Budgets;

/// <summary>
/// The shared counter of one key's budget in one period, in USD: what was settled, and what each instance holds to
/// reserve against (<see cref="Holders"/>). Settled plus held never passes <see cref="Limit"/> through a lease, only
/// through a settlement above its reservation.
/// </summary>
/// <param name="Limit">The key's budget for the period, as last written by an instance.</param>
/// <param name="Settled">Spend recorded by settled requests.</param>
/// <param name="Holders">Each instance's holding, with its expiry.</param>
public sealed record BudgetCounter(decimal Limit, decimal Settled, IReadOnlyList<LeaseHolding> Holders)
{
    /// <summary>A counter nobody holds anything of.</summary>
    public BudgetCounter(decimal limit, decimal settled)
        : this(limit, settled, [])
    {
    }

    /// <summary>Held by all instances, expired holdings included until they are reclaimed.</summary>
    public decimal Leased => Holders.Sum(holder => holder.AmountUsd);

    /// <summary>What can still be leased; negative after an overrun.</summary>
    public decimal Remaining => Limit - Settled - Leased;

    /// <summary>Held by holdings past their expiry at <paramref name="now"/>: waiting to be reclaimed.</summary>
    public decimal ExpiredAt(DateTimeOffset now) => Holders.Where(holder => holder.HasExpiredAt(now)).Sum(holder => holder.AmountUsd);

    /// <summary>Value equality, holders compared in order.</summary>
    public bool Equals(BudgetCounter? other) =>
        other is not null && Limit == other.Limit && Settled == other.Settled && Holders.SequenceEqual(other.Holders);

    public override int GetHashCode() => HashCode.Combine(Limit, Settled, Holders.Count);
}
