using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Tests.Keys;

/// <summary>A hand-written <see cref="IKeyStore"/> with the same contract as the Table one: versions, unique live names.</summary>
internal sealed class InMemoryKeyStore : IKeyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredKey> _keys = new(StringComparer.Ordinal);
    private readonly List<KeyAuditEntry> _audit = [];
    private int _version;

    /// <summary>Makes the next N updates fail as if another writer won the race.</summary>
    public int ConcurrentWritersAhead { get; set; }

    public IReadOnlyList<KeyAuditEntry> AllAudit
    {
        get
        {
            lock (_gate)
            {
                return [.. _audit];
            }
        }
    }

    public Task<KeyWriteOutcome> CreateAsync(DeveloperKey key, KeyAuditEntry audit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_keys.Values.Any(stored => stored.Key.Status != KeyStatus.Revoked
                && KeyRules.NormalizeName(stored.Key.Name) == KeyRules.NormalizeName(key.Name)))
            {
                return Task.FromResult(KeyWriteOutcome.DuplicateName);
            }

            _keys[key.Id] = new StoredKey(key, NextVersion());
            _audit.Add(audit);
            return Task.FromResult(KeyWriteOutcome.Success);
        }
    }

    public Task<StoredKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_keys.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<DeveloperKey>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DeveloperKey>>([.. _keys.Values.Select(stored => stored.Key).OrderBy(key => key.Id, StringComparer.Ordinal)]);
        }
    }

    public Task<DeveloperKey?> FindBySecretHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_keys.Values.Select(stored => stored.Key).FirstOrDefault(key => key.SecretHash == secretHash));
        }
    }

    public Task<KeyWriteOutcome> UpdateAsync(StoredKey current, DeveloperKey updated, KeyAuditEntry audit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (ConcurrentWritersAhead > 0)
            {
                ConcurrentWritersAhead--;
                _keys[current.Key.Id] = _keys[current.Key.Id] with { Version = NextVersion() };
                return Task.FromResult(KeyWriteOutcome.ConcurrentChange);
            }

            if (!_keys.TryGetValue(current.Key.Id, out var stored) || stored.Version != current.Version)
            {
                return Task.FromResult(KeyWriteOutcome.ConcurrentChange);
            }

            _keys[updated.Id] = new StoredKey(updated, NextVersion());
            _audit.Add(audit);
            return Task.FromResult(KeyWriteOutcome.Success);
        }
    }

    public Task<IReadOnlyList<KeyAuditEntry>> GetAuditAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<KeyAuditEntry>>([.. _audit.Where(entry => entry.KeyId == id).Reverse()]);
        }
    }

    private string NextVersion() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
