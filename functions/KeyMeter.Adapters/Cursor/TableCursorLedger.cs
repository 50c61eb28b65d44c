using System.Text.Json;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Metering;

namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// <see cref="ICursorLedger"/> on the <c>cursorledger</c> table (keys from <see cref="CursorTableKeys"/>). An entry is
/// one row: <c>Revision</c>, <c>Published</c> and <c>Previous</c> as usage-record JSON, <c>Pending</c>. A save is
/// insert-or-replace in entity-group transactions; each row stands alone, so a save cut short between two
/// transactions leaves only whole entries, and the poller's next run writes the rest.
/// </summary>
internal sealed class TableCursorLedger(TableProvider tables) : ICursorLedger
{
    public const string RevisionProperty = "Revision";
    public const string PublishedProperty = "Published";
    public const string PreviousProperty = "Previous";
    public const string PendingProperty = "Pending";

    /// <summary>A String property holds at most 64 KiB of UTF-16 (docs "Understanding the Table service data model").</summary>
    private const int MaxPropertyChars = 32 * 1024;

    /// <summary>
    /// Record JSON per transaction: the entity writer may escape a character into six, and 6 × 512 Ki stays under the
    /// 4 MiB a transaction body may have.
    /// </summary>
    private const int MaxJsonCharsPerTransaction = 512 * 1024;

    public async Task<IReadOnlyList<CursorLedgerEntry>> LoadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var query = new TableQuery(TableFilter.Equal("PartitionKey", CursorTableKeys.LedgerPartition(day)));
        var entries = new List<CursorLedgerEntry>();
        await foreach (var entity in table.QueryAsync(query, cancellationToken))
        {
            entries.Add(Read(entity));
        }

        return entries;
    }

    public async Task SaveAsync(DateOnly day, IReadOnlyList<CursorLedgerEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var partition = CursorTableKeys.LedgerPartition(day);
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var batches = new List<List<TableTransactionAction>>();
        var batchChars = 0;
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            var (entity, jsonChars) = Write(partition, entry);
            if (!rows.Add(entity.RowKey))
            {
                throw new ArgumentException($"Event '{entry.EventKey}' appears twice in one save.", nameof(entries));
            }

            if (batches.Count == 0 || batches[^1].Count == TableBatchRequest.MaxOperations || batchChars + jsonChars > MaxJsonCharsPerTransaction)
            {
                batches.Add([]);
                batchChars = 0;
            }

            batches[^1].Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            batchChars += jsonChars;
        }

        var table = await TableAsync(cancellationToken);
        foreach (var batch in batches)
        {
            var result = await table.SubmitTransactionAsync(batch, cancellationToken);
            if (!result.Succeeded)
            {
                // Upserts have no expected failure: no precondition, and no 409 or 404.
                throw new TableRequestFailedException(table.Name, "Transaction", result.FailedStatus ?? 0, result.ErrorCode);
            }
        }
    }

    private static (TableEntity Entity, int JsonChars) Write(string partition, CursorLedgerEntry entry)
    {
        var published = Serialize(entry, entry.Published, PublishedProperty);
        var previous = entry.Previous is null ? null : Serialize(entry, entry.Previous, PreviousProperty);
        var entity = new TableEntity(partition, CursorTableKeys.LedgerRow(entry.EventKey))
        {
            [RevisionProperty] = entry.Revision,
            [PublishedProperty] = published,
            [PreviousProperty] = previous,
            [PendingProperty] = entry.Pending,
        };
        return (entity, published.Length + (previous?.Length ?? 0));
    }

    private static string Serialize(CursorLedgerEntry entry, UsageRecord record, string property)
    {
        ArgumentNullException.ThrowIfNull(record, property);
        var json = JsonSerializer.Serialize(record, UsageRecordJsonContext.Default.UsageRecord);
        return json.Length <= MaxPropertyChars
            ? json
            : throw new ArgumentException(
                $"The {property} record of Cursor event '{entry.EventKey}' is {json.Length} characters of JSON; a table property holds at most {MaxPropertyChars}.",
                nameof(entry));
    }

    private static CursorLedgerEntry Read(TableEntity entity)
    {
        var previous = entity.GetString(PreviousProperty);
        return new CursorLedgerEntry(
            CursorTableKeys.EventKey(entity.RowKey),
            entity.GetInt32(RevisionProperty) ?? throw Missing(entity, RevisionProperty),
            Deserialize(entity, entity.GetString(PublishedProperty) ?? throw Missing(entity, PublishedProperty)),
            previous is null ? null : Deserialize(entity, previous),
            entity.GetBoolean(PendingProperty) ?? throw Missing(entity, PendingProperty));
    }

    private static UsageRecord Deserialize(TableEntity entity, string json) =>
        JsonSerializer.Deserialize(json, UsageRecordJsonContext.Default.UsageRecord)
            ?? throw new InvalidOperationException($"Ledger row {entity.PartitionKey}/{entity.RowKey} holds a null record.");

    private static InvalidOperationException Missing(TableEntity entity, string property) =>
        new($"Ledger row {entity.PartitionKey}/{entity.RowKey} of table '{CursorTableKeys.LedgerTable}' has no {property}.");

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(CursorTableKeys.LedgerTable, cancellationToken);
}
