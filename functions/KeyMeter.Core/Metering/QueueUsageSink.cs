using System.Text.Json;
using KeyMeter.Core.Queues;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Metering;

/// <summary>
/// Publishes usage records to the <c>usage</c> queue (the sender retries), and when that still fails keeps the record
/// in the outbox for the <c>usage-outbox</c> timer. The message id is the record id, so the queue's duplicate
/// detection and the aggregator's markers make a re-send harmless.
/// </summary>
public sealed class QueueUsageSink(IQueueSender sender, IUsageOutbox outbox, ILogger<QueueUsageSink> logger) : IUsageSink
{
    public const string QueueName = "usage";

    public async ValueTask PublishAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(QueueName, [ToMessage(record)], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MeteringLog.PublishFailedKeptInOutbox(logger, record.Id, exception.GetType().Name);
            await outbox.SaveAsync(record, CancellationToken.None);
        }
    }

    /// <summary>
    /// Sends <paramref name="records"/> in as few queue batches as the sender makes of them (Cursor polls publish
    /// thousands at once); when that fails, each record is kept in the outbox. Records of a failed send that did reach
    /// the queue are sent again by the outbox, which their ids make harmless.
    /// </summary>
    public async ValueTask PublishManyAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            await sender.SendAsync(QueueName, [.. records.Select(ToMessage)], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var record in records)
            {
                MeteringLog.PublishFailedKeptInOutbox(logger, record.Id, exception.GetType().Name);
                await outbox.SaveAsync(record, CancellationToken.None);
            }
        }
    }

    public static QueueMessage ToMessage(UsageRecord record) =>
        new(record.Id, JsonSerializer.SerializeToUtf8Bytes(record, UsageRecordJsonContext.Default.UsageRecord));
}
