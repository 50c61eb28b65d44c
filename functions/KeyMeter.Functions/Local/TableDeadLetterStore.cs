using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Queues;

namespace KeyMeter.Functions.Local;

/// <summary>
/// <see cref="IDeadLetterStore"/> in the <c>deadletters</c> table (local mode only; Azure has Service Bus dead-letter
/// queues): one partition per queue, the parked message's id as row key, the body in binary properties of up to 64 KiB
/// each (an entity holds 1 MiB; a queue message at most 256 KiB).
/// </summary>
internal sealed class TableDeadLetterStore(TableProvider tables) : IDeadLetterStore
{
    public const string TableName = "deadletters";

    private const int ChunkBytes = 64 * 1024;
    private const int MaxBodyBytes = 15 * ChunkBytes;

    public async Task SaveAsync(DeadLetteredMessage message, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(message.QueueName), message.Id)
        {
            ["MessageId"] = message.Message.MessageId,
            ["ContentType"] = message.Message.ContentType,
            ["FunctionName"] = message.FunctionName,
            ["DeliveryCount"] = message.DeliveryCount,
            ["Reason"] = message.Reason,
            ["DeadLetteredAt"] = message.DeadLetteredAt,
            ["BodyLength"] = message.Message.Body.Length,
        };
        var body = message.Message.Body;
        for (var (offset, chunk) = (0, 0); offset < body.Length; offset += ChunkBytes, chunk++)
        {
            entity["Body" + chunk] = body.Slice(offset, Math.Min(ChunkBytes, body.Length - offset)).ToArray();
        }

        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetteredMessage>> ListAsync(string queueName, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var messages = new List<DeadLetteredMessage>();
        await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.Equal("PartitionKey", Partition(queueName)), Top: max), cancellationToken))
        {
            messages.Add(Read(queueName, entity));
        }

        return messages;
    }

    public async Task DeleteAsync(string queueName, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteAsync(Partition(queueName), id, cancellationToken);
    }

    private static DeadLetteredMessage Read(string queueName, TableEntity entity)
    {
        var body = new byte[Math.Clamp(entity.GetInt32("BodyLength") ?? 0, 0, MaxBodyBytes)];
        for (var (offset, chunk) = (0, 0); offset < body.Length; offset += ChunkBytes, chunk++)
        {
            var part = entity.GetBinary("Body" + chunk) ?? [];
            part.AsSpan(0, Math.Min(part.Length, body.Length - offset)).CopyTo(body.AsSpan(offset));
        }

        return new DeadLetteredMessage(
            entity.RowKey,
            queueName,
            entity.GetString("FunctionName") ?? string.Empty,
            new QueueMessage(entity.GetString("MessageId") ?? entity.RowKey, body, entity.GetString("ContentType") ?? "application/json"),
            entity.GetInt32("DeliveryCount") ?? 0,
            entity.GetString("Reason") ?? string.Empty,
            entity.GetDateTimeOffset("DeadLetteredAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue);
    }

    // Service Bus queue names are case-insensitive and may hold '/', which a key may not.
    private static string Partition(string queueName) => queueName.ToLowerInvariant().Replace('/', '_');
}
