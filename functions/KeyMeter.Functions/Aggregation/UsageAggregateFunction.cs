using System.Text;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Host;

namespace KeyMeter.Functions.Aggregation;

/// <summary>
/// <c>usage-aggregate</c>: a batch of usage records from the <c>usage</c> queue, counted exactly once into the
/// aggregates. The host settles the whole batch by the answer: 2xx completes every message, anything else abandons
/// them all for redelivery, so only a transient failure may answer non-2xx. A record that can never be counted is
/// kept in the <c>poison</c> table and acknowledged with the rest.
/// </summary>
internal sealed class UsageAggregateFunction(
    UsageAggregator aggregator,
    BudgetAlertPublisher alerts,
    IPoisonMessageStore poison,
    TimeProvider time,
    ILogger<UsageAggregateFunction> logger) : IPayloadFunction
{
    public const string BindingName = "messages";

    public string Name => "usage-aggregate";

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        // 1. The batch, with the host's encoding quirks undone.
        var batch = ServiceBusBatch.Decode(request, BindingName);
        if (!batch.Succeeded)
        {
            return PayloadResult.BadPayload(batch.Error);
        }

        try
        {
            // 2. Records that can be counted; the rest kept as poison (before acknowledging anything).
            var records = new List<UsageRecord>(batch.Value.Messages.Count);
            var poisoned = 0;
            foreach (var message in batch.Value.Messages)
            {
                var reason = message.BodyError;
                if (reason is null && UsageRecordReader.TryRead(message.Body.Span, out var record, out reason))
                {
                    records.Add(record);
                    continue;
                }

                poisoned++;
                AggregationFunctionLog.PoisonKept(logger, message.MessageId, message.DeliveryCount, reason);
                await poison.SaveAsync(
                    new PoisonMessage(QueueUsageSink.QueueName, message.MessageId, message.DeliveryCount, time.GetUtcNow(), reason, BodyText(message.Body)),
                    cancellationToken);
            }

            // 3. Count them.
            var result = await aggregator.AggregateAsync(records, cancellationToken);
            AggregationFunctionLog.BatchAggregated(logger, batch.Value.Messages.Count, result.Counted, result.Duplicates, poisoned, result.Transactions, result.Retries);

            // 4. Budget alerts from the keys' spend as counted. A failure here has the batch redelivered: its records
            // are recognised as counted and the same alerts are planned again, so none is lost.
            var queued = await alerts.PublishAsync(await aggregator.KeySpendAsync(records, cancellationToken), cancellationToken);
            return PayloadResult.Success(
                [$"Counted {result.Counted} usage record(s); {result.Duplicates} duplicate(s) skipped; {poisoned} kept as poison; {result.Transactions} transaction(s); {queued} budget alert(s) queued."]);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Storage unavailable, a partition that kept changing, a timeout: Service Bus redelivers the batch, and what
            // was already committed is recognised by its markers.
            AggregationFunctionLog.BatchFailed(logger, batch.Value.Messages.Count, exception.GetType().Name);
            return PayloadResult.TransientFailure($"Aggregating the batch failed ({exception.GetType().Name}); it will be redelivered.");
        }
    }

    private static string BodyText(ReadOnlyMemory<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Span);
        return text.Length <= PoisonMessage.MaxBodyChars ? text : text[..PoisonMessage.MaxBodyChars];
    }
}
