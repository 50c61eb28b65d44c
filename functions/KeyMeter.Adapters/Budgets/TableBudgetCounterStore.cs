using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Budgets;

namespace KeyMeter.Adapters.Budgets;

/// <summary>
/// <see cref="IBudgetCounterStore"/> on Table Storage: table <c>budgets</c>, one partition per key, one row per period
/// (<see cref="BudgetCounterKeys"/>). Writes replace the whole row under its ETag, so two instances can never both
/// apply a change to the same version.
/// </summary>
internal sealed class TableBudgetCounterStore(TableProvider tables) : IBudgetCounterStore
{
    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) =>
        tables.GetAsync(BudgetCounterKeys.TableName, cancellationToken);

    public async ValueTask<StoredBudgetCounter?> GetAsync(string keyId, string periodKey, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var result = await table.GetAsync(BudgetCounterKeys.Partition(keyId), BudgetCounterKeys.Row(periodKey), cancellationToken);
        return result.IsSuccess ? new StoredBudgetCounter(BudgetCounterEntityMapper.FromEntity(result.Value!), result.ETag!) : null;
    }

    public async ValueTask<BudgetCounterWriteResult> CreateAsync(string keyId, string periodKey, BudgetCounter counter, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var result = await table.InsertAsync(BudgetCounterEntityMapper.ToEntity(keyId, periodKey, counter), cancellationToken);
        return result.Outcome switch
        {
            TableOutcome.Success => BudgetCounterWriteResult.Written(result.ETag ?? throw MissingETag()),
            TableOutcome.Conflict => BudgetCounterWriteResult.AlreadyExists,
            _ => throw Unexpected("create", result.Outcome),
        };
    }

    public async ValueTask<BudgetCounterWriteResult> UpdateAsync(
        string keyId, string periodKey, BudgetCounter counter, string expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expectedVersion);
        var table = await TableAsync(cancellationToken);
        var result = await table.UpdateAsync(BudgetCounterEntityMapper.ToEntity(keyId, periodKey, counter), expectedVersion, TableUpdateMode.Replace, cancellationToken);
        return result.Outcome switch
        {
            TableOutcome.Success => BudgetCounterWriteResult.Written(result.ETag ?? throw MissingETag()),
            TableOutcome.PreconditionFailed or TableOutcome.NotFound => BudgetCounterWriteResult.ConcurrentChange,
            _ => throw Unexpected("update", result.Outcome),
        };
    }

    private static InvalidOperationException MissingETag() =>
        new($"A budget counter write on table '{BudgetCounterKeys.TableName}' succeeded without an ETag.");

    private static InvalidOperationException Unexpected(string operation, TableOutcome outcome) =>
        new($"Budget counter {operation} on table '{BudgetCounterKeys.TableName}' ended as {outcome}.");
}
