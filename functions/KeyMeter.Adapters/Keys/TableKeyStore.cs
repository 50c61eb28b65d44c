using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Keys;

namespace KeyMeter.Adapters.Keys;

/// <summary>
/// <see cref="IKeyStore"/> on Table Storage. Each write is one entity-group transaction over the key row, its
/// lookup rows and its audit row, so a failure leaves nothing half-written.
/// </summary>
internal sealed class TableKeyStore(TableProvider tables) : IKeyStore
{
    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) =>
        tables.GetAsync(KeyTableLayout.TableName, cancellationToken);

    public async Task<KeyWriteOutcome> CreateAsync(DeveloperKey key, KeyAuditEntry audit, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Insert, KeyEntityMapper.NameIndex(key)),
            new(TableTransactionActionType.Insert, KeyEntityMapper.ToEntity(key)),
            new(TableTransactionActionType.Insert, KeyEntityMapper.HashIndex(key)),
            new(TableTransactionActionType.Insert, KeyEntityMapper.ToEntity(audit)),
        };
        var result = await table.SubmitTransactionAsync(actions, cancellationToken);
        if (result.Succeeded)
        {
            return KeyWriteOutcome.Success;
        }

        return result is { FailedIndex: 0, FailedOutcome: TableOutcome.Conflict }
            ? KeyWriteOutcome.DuplicateName
            : throw Unexpected("create", result);
    }

    public async Task<StoredKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var result = await table.GetAsync(KeyTableLayout.Partition, KeyTableLayout.KeyRow(id), cancellationToken);
        return result.IsSuccess ? new StoredKey(KeyEntityMapper.FromEntity(result.Value!), result.ETag!) : null;
    }

    public async Task<IReadOnlyList<DeveloperKey>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var (from, to) = KeyTableLayout.KeyRows();
        var keys = new List<DeveloperKey>();
        await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.PartitionRange(KeyTableLayout.Partition, from, to)), cancellationToken))
        {
            keys.Add(KeyEntityMapper.FromEntity(entity));
        }

        return keys;
    }

    public async Task<DeveloperKey?> FindBySecretHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var index = await table.GetAsync(KeyTableLayout.Partition, KeyTableLayout.HashRow(secretHash), cancellationToken);
        var keyId = index.IsSuccess ? index.Value!.GetString("KeyId") : null;
        if (keyId is null)
        {
            return null;
        }

        var stored = await GetAsync(keyId, cancellationToken);
        // The index row may outlive a rotation for an instant; trust only a key whose current hash matches.
        return stored is not null && string.Equals(stored.Key.SecretHash, secretHash, StringComparison.Ordinal) ? stored.Key : null;
    }

    public async Task<KeyWriteOutcome> UpdateAsync(StoredKey current, DeveloperKey updated, KeyAuditEntry audit, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, KeyEntityMapper.ToEntity(updated), current.Version),
            new(TableTransactionActionType.Insert, KeyEntityMapper.ToEntity(audit)),
        };
        if (!string.Equals(current.Key.SecretHash, updated.SecretHash, StringComparison.Ordinal))
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(KeyTableLayout.Partition, KeyTableLayout.HashRow(current.Key.SecretHash))));
            actions.Add(new(TableTransactionActionType.Insert, KeyEntityMapper.HashIndex(updated)));
        }

        if (updated.Status == KeyStatus.Revoked && current.Key.Status != KeyStatus.Revoked)
        {
            // Revoking frees the name for a new key.
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(KeyTableLayout.Partition, KeyTableLayout.NameRow(current.Key.Name))));
        }

        var result = await table.SubmitTransactionAsync(actions, cancellationToken);
        if (result.Succeeded)
        {
            return KeyWriteOutcome.Success;
        }

        return result is { FailedIndex: 0, FailedOutcome: TableOutcome.PreconditionFailed or TableOutcome.NotFound }
            ? KeyWriteOutcome.ConcurrentChange
            : throw Unexpected("update", result);
    }

    public async Task<IReadOnlyList<KeyAuditEntry>> GetAuditAsync(string id, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var (from, to) = KeyTableLayout.AuditRows(id);
        var entries = new List<KeyAuditEntry>();
        await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.PartitionRange(KeyTableLayout.Partition, from, to)), cancellationToken))
        {
            entries.Add(KeyEntityMapper.AuditFromEntity(entity));
        }

        return entries;
    }

    private static InvalidOperationException Unexpected(string operation, TableTransactionResult result) =>
        new($"Key {operation} transaction on table '{KeyTableLayout.TableName}' failed at operation {result.FailedIndex} with status {result.FailedStatus} ({result.ErrorCode}).");
}
