using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>The real key store behind an <see cref="OutageSwitch"/>.</summary>
internal sealed class OutageKeyStore(IKeyStore inner, OutageSwitch outage) : IKeyStore
{
    public async Task<KeyWriteOutcome> CreateAsync(DeveloperKey key, KeyAuditEntry audit, CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.CreateAsync(key, audit, cancellationToken);
    }

    public async Task<StoredKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.GetAsync(id, cancellationToken);
    }

    public async Task<IReadOnlyList<DeveloperKey>> ListAsync(CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.ListAsync(cancellationToken);
    }

    public async Task<DeveloperKey?> FindBySecretHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.FindBySecretHashAsync(secretHash, cancellationToken);
    }

    public async Task<KeyWriteOutcome> UpdateAsync(StoredKey current, DeveloperKey updated, KeyAuditEntry audit, CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.UpdateAsync(current, updated, audit, cancellationToken);
    }

    public async Task<IReadOnlyList<KeyAuditEntry>> GetAuditAsync(string id, CancellationToken cancellationToken)
    {
        await outage.WaitIfDownAsync(cancellationToken);
        return await inner.GetAuditAsync(id, cancellationToken);
    }
}
