using KeyMeter.Core.Queues;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Metering;

/// <summary>Re-sends what the outbox holds, in batches, removing each record only after the queue accepted it.</summary>
public sealed class OutboxDrainer(IQueueSender sender, IUsageOutbox outbox, ILogger<OutboxDrainer> logger)
{
    public const int BatchSize = 100;

    /// <summary>Returns how many records were re-sent; stops at the first batch that fails, leaving it for next time.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var pending = await outbox.PendingAsync(BatchSize, cancellationToken);
            if (pending.Count == 0)
            {
                break;
            }

            try
            {
                await sender.SendAsync(QueueUsageSink.QueueName, [.. pending.Select(QueueUsageSink.ToMessage)], cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                MeteringLog.OutboxDrainFailed(logger, exception.GetType().Name, pending.Count);
                break;
            }

            foreach (var record in pending)
            {
                await outbox.RemoveAsync(record.Id, cancellationToken);
            }

            sent += pending.Count;
            if (pending.Count < BatchSize)
            {
                break;
            }
        }

        if (sent > 0)
        {
            MeteringLog.OutboxDrained(logger, sent);
        }

        return sent;
    }
}
