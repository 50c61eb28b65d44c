using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// A key store holding one key, counting its secret lookups; while <see cref="Hold"/> is set, lookups wait for
/// <see cref="Release"/>. Only lookups by secret are supported: the key resolver needs nothing else.
/// </summary>
internal sealed class GatedKeyStore(DeveloperKey key) : IKeyStore
{
    private TaskCompletionSource _gate = NewGate(open: true);
    private int _lookups;
    private int _answered;

    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Lookups that have returned their answer.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public void Hold() => _gate = NewGate(open: false);

    public void Release() => _gate.TrySetResult();

    public async Task<DeveloperKey?> FindBySecretHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        await _gate.Task.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _answered);
        return secretHash == key.SecretHash ? key : null;
    }

    public Task<KeyWriteOutcome> CreateAsync(DeveloperKey key, KeyAuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredKey?> GetAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeveloperKey>> ListAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<KeyWriteOutcome> UpdateAsync(StoredKey current, DeveloperKey updated, KeyAuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<KeyAuditEntry>> GetAuditAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }
}
