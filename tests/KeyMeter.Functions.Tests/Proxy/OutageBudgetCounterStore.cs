using KeyMeter.Core.Budgets;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>The real budget counter store behind an <see cref="OutageSwitch"/>.</summary>
internal sealed class OutageBudgetCounterStore(IBudgetCounterStore inner, OutageSwitch outage) : IBudgetCounterStore
{
    public async ValueTask<StoredBudgetCounter?> GetAsync(string keyId, string periodKey, CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.GetAsync(keyId, periodKey, cancellationToken);
    }

    public async ValueTask<BudgetCounterWriteResult> CreateAsync(string keyId, string periodKey, BudgetCounter counter, CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.CreateAsync(keyId, periodKey, counter, cancellationToken);
    }

    public async ValueTask<BudgetCounterWriteResult> UpdateAsync(string keyId, string periodKey, BudgetCounter counter, string expectedVersion, CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.UpdateAsync(keyId, periodKey, counter, expectedVersion, cancellationToken);
    }
}
