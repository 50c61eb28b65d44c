namespace KeyMeter.Core.Keys;

/// <summary>
/// Port to where developer keys live (Table Storage in production). Every write stores the key, its
/// lookup rows and its audit entry together or not at all.
/// </summary>
public interface IKeyStore
{
    /// <summary>Stores a new key; <see cref="KeyWriteOutcome.DuplicateName"/> when a live key has the same name.</summary>
    Task<KeyWriteOutcome> CreateAsync(DeveloperKey key, KeyAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Reads one key with its version, or <c>null</c>.</summary>
    Task<StoredKey?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every key, revoked ones included, ordered by id.</summary>
    Task<IReadOnlyList<DeveloperKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The key whose secret hashes to <paramref name="secretHash"/>, or <c>null</c>.</summary>
    Task<DeveloperKey?> FindBySecretHashAsync(string secretHash, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="current"/> with <paramref name="updated"/> if nobody changed it since it was read
    /// (<see cref="KeyWriteOutcome.ConcurrentChange"/> otherwise). A changed secret hash moves the lookup row;
    /// revoking frees the name.
    /// </summary>
    Task<KeyWriteOutcome> UpdateAsync(StoredKey current, DeveloperKey updated, KeyAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The audit trail of one key, newest first.</summary>
    Task<IReadOnlyList<KeyAuditEntry>> GetAuditAsync(string id, CancellationToken cancellationToken);
}
