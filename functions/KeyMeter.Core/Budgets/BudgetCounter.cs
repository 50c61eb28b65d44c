namespace KeyMeter.Core.Budgets;

/// <summary>
/// The shared counter of one key's budget in one period, in USD. <see cref="Leased"/> is what instances have taken
/// out to reserve against (in-flight reservations plus their unused slices); together with <see cref="Settled"/> it
/// never passes <see cref="Limit"/> through a lease, only through a settlement above its estimate.
/// </summary>
/// <param name="Limit">The key's budget for the period, as last written by an instance.</param>
/// <param name="Settled">Spend recorded by settled requests.</param>
/// <param name="Leased">Handed out to instances and not yet returned or settled.</param>
public sealed record BudgetCounter(decimal Limit, decimal Settled, decimal Leased)
{
    /// <summary>What can still be leased; negative after an overrun.</summary>
    public decimal Remaining => Limit - Settled - Leased;
}
