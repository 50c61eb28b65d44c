using System.Globalization;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Retention;

namespace KeyMeter.Adapters.Retention;

/// <summary>
/// <see cref="IRetentionStore"/> on the <c>aggregates</c> table. Pages are row-key range queries that return keys only;
/// the service's continuation travels as one opaque string. Deletes are one entity-group transaction each.
/// </summary>
internal sealed class TableRetentionStore(TableProvider tables) : IRetentionStore
{
    private static readonly IReadOnlyList<string> KeysOnly = ["RowKey"];

    public async Task<IReadOnlyList<string>> ListPartitionsAsync(CancellationToken cancellationToken)
    {
        // Every partition that holds anything holds monthly rows, and there are a few dozen of them per month, so this
        // scan returns little even though it crosses partitions.
        var (from, toExclusive) = AggregateKeys.MonthlyRange();
        var query = new TableQuery(
            TableFilter.And(TableFilter.GreaterThanOrEqual("RowKey", from), TableFilter.LessThan("RowKey", toExclusive)),
            ["PartitionKey"]);
        var table = await TableAsync(cancellationToken);
        var partitions = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync(query, cancellationToken))
        {
            partitions.Add(entity.PartitionKey);
        }

        return [.. partitions];
    }

    public Task<RetentionPage> ReadMarkersAsync(string partition, DateOnly countedBefore, int max, string? continuation, CancellationToken cancellationToken)
    {
        var (from, toExclusive) = AggregateKeys.MarkerRange();
        var filter = TableFilter.And(
            TableFilter.PartitionRange(partition, from, toExclusive),
            TableFilter.LessThan(TableAggregateStore.MarkerDayProperty, AggregateKeys.Day(countedBefore)));
        return ReadPageAsync(filter, max, continuation, cancellationToken);
    }

    public Task<RetentionPage> ReadDailyRowsAsync(string partition, DateOnly before, int max, string? continuation, CancellationToken cancellationToken)
    {
        // Daily row keys sort by day, so the days before a cutoff are one range: d|0001-01-01| .. d|{cutoff - 1}|~.
        var (from, toExclusive) = AggregateKeys.DailyRange(DateOnly.MinValue, before.AddDays(-1));
        return ReadPageAsync(TableFilter.PartitionRange(partition, from, toExclusive), max, continuation, cancellationToken);
    }

    public Task<RetentionPage> ReadRowsAsync(string partition, int max, string? continuation, CancellationToken cancellationToken) =>
        ReadPageAsync(TableFilter.Equal("PartitionKey", partition), max, continuation, cancellationToken);

    public async Task DeleteAsync(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        if (rowKeys.Count == 0)
        {
            return;
        }

        var table = await TableAsync(cancellationToken);
        var actions = rowKeys.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rowKey))).ToList();
        var result = await table.SubmitTransactionAsync(actions, cancellationToken);
        if (result.Succeeded)
        {
            return;
        }

        if (result.FailedOutcome != TableOutcome.NotFound)
        {
            throw new TableRequestFailedException(table.Name, "Transaction", result.FailedStatus ?? 0, result.ErrorCode);
        }

        // One row was already gone (another run, or a delete between our read and now) and the whole transaction was
        // refused: delete one by one, where 404 means done.
        foreach (var rowKey in rowKeys)
        {
            await table.DeleteAsync(partition, rowKey, cancellationToken);
        }
    }

    private async Task<RetentionPage> ReadPageAsync(string filter, int max, string? continuation, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var page = await table.QueryPageAsync(new TableQuery(filter, KeysOnly, max), Decode(continuation), cancellationToken);
        return new RetentionPage([.. page.Entities.Select(entity => entity.RowKey)], Encode(page.Continuation));
    }

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(AggregateKeys.TableName, cancellationToken);

    /// <summary><c>{length of NextPartitionKey}:{NextPartitionKey}{NextRowKey}</c>: no separator the tokens could contain.</summary>
    private static string? Encode(TableContinuation? continuation) =>
        continuation is null
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{continuation.NextPartitionKey.Length}:{continuation.NextPartitionKey}{continuation.NextRowKey}");

    private static TableContinuation? Decode(string? continuation)
    {
        if (continuation is null)
        {
            return null;
        }

        var colon = continuation.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1
            || !int.TryParse(continuation.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > continuation.Length - colon - 1)
        {
            throw new ArgumentException("Not a continuation this store returned.", nameof(continuation));
        }

        var rowKey = continuation[(colon + 1 + length)..];
        return new TableContinuation(continuation.Substring(colon + 1, length), rowKey.Length == 0 ? null : rowKey);
    }
}
