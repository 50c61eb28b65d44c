using System.Text.Json;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Metering;

namespace KeyMeter.Adapters.Metering;

/// <summary>
/// <see cref="IUsageOutbox"/> in the <c>outbox</c> table: one row per record, the record id as row key (proxy ids are
/// time-ordered GUIDv7, so a scan returns the oldest first), the record's JSON as one column.
/// </summary>
internal sealed class TableUsageOutbox(TableProvider tables) : IUsageOutbox
{
    public const string TableName = "outbox";
    public const string Partition = "usage";

    public async Task SaveAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var entity = new TableEntity(Partition, record.Id)
        {
            ["Record"] = JsonSerializer.Serialize(record, UsageRecordJsonContext.Default.UsageRecord),
        };
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<UsageRecord>> PendingAsync(int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var records = new List<UsageRecord>();
        var query = new TableQuery(TableFilter.Equal("PartitionKey", Partition), ["Record"], max);
        await foreach (var entity in table.QueryAsync(query, cancellationToken))
        {
            if (entity.GetString("Record") is { } json && JsonSerializer.Deserialize(json, UsageRecordJsonContext.Default.UsageRecord) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public async Task RemoveAsync(string recordId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteAsync(Partition, recordId, cancellationToken);
    }
}
