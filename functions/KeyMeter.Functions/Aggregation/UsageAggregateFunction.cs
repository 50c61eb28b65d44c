using System.Text;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Aggregation;

/// <summary>
/// <c>usage-aggregate</c>: a batch of usage records from the <c>usage</c> queue, counted exactly once into the
/// aggregates. The host settles the whole batch by the answer: 2xx completes every message, anything else abandons
/// them all for redelivery, so only a transient failure may answer non-2xx, and only once it has lasted longer than
/// <see cref="AggregationOptions.StorageRetryWindow"/>: until then the invocation waits and tries again, so that a
/// storage outage does not use up the messages' deliveries in seconds. A record that can never be counted is kept in
/// the <c>poison</c> table and acknowledged with the rest.
/// </summary>
internal sealed class UsageAggregateFunction(
    UsageAggregator aggregator,
    BudgetAlertPublisher alerts,
    IPoisonMessageStore poison,
    IOptions<AggregationOptions> options,
    TimeProvider time,
    ILogger<UsageAggregateFunction> logger) : IPayloadFunction
{
    public const string BindingName = "messages";

    public string Name => "usage-aggregate";

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        // 1. The batch, with the host's encoding quirks undone, and the records in it that can be read.
        var batch = ServiceBusBatch.Decode(request, BindingName);
        if (!batch.Succeeded)
        {
            return PayloadResult.BadPayload(batch.Error);
        }

        var work = new UsageBatch(batch.Value.Messages);

        // 2. Counting, tried again after a pause while storage fails transiently; every step can be repeated safely
        // (poison rows are replaced, committed records are recognised by their markers, alerts have fixed ids).
        var settings = options.Value;
        var started = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CountAsync(work, cancellationToken);
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                var delay = StorageBackoff.Delay(attempt, settings.StorageRetryDelay, Random.Shared);
                if (time.GetUtcNow() - started + delay > settings.StorageRetryWindow)
                {
                    return Failed(work, exception, attempt);
                }

                AggregationFunctionLog.StorageRetry(logger, work.Messages.Count, exception.GetType().Name, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not a storage outage (a row too large, a bug): waiting would not help; Service Bus redelivers.
                return Failed(work, exception, attempt);
            }
        }
    }

    private async Task<PayloadResult> CountAsync(UsageBatch work, CancellationToken cancellationToken)
    {
        // 1. Messages that are not countable records, kept as poison before anything is acknowledged.
        foreach (var (message, reason) in work.Unreadable)
        {
            await KeepAsync(work, message, reason, cancellationToken);
        }

        // 2. Count the rest; a record the aggregator refuses (outside its bounds) is poison too.
        var result = await aggregator.AggregateAsync(work.Records, cancellationToken);
        foreach (var refused in result.Refused)
        {
            foreach (var message in work.MessagesOf(refused.RecordId))
            {
                await KeepAsync(work, message, refused.Reason, cancellationToken);
            }
        }

        AggregationFunctionLog.BatchAggregated(logger, work.Messages.Count, result.Counted, result.Duplicates, work.Poisoned, result.Transactions, result.Retries);

        // 3. Budget alerts from the keys' spend as counted. A failure here has the batch tried again: its records are
        // recognised as counted and the same alerts are planned again, so none is lost.
        var queued = await alerts.PublishAsync(await aggregator.KeySpendAsync(work.Records, cancellationToken), cancellationToken);
        return PayloadResult.Success(
            [$"Counted {result.Counted} usage record(s); {result.Duplicates} duplicate(s) skipped; {work.Poisoned} kept as poison; {result.Transactions} transaction(s); {queued} budget alert(s) queued."]);
    }

    private async Task KeepAsync(UsageBatch work, ServiceBusMessage message, string reason, CancellationToken cancellationToken)
    {
        if (work.IsPoisoned(message))
        {
            return;
        }

        await poison.SaveAsync(
            new PoisonMessage(QueueUsageSink.QueueName, message.MessageId, message.DeliveryCount, time.GetUtcNow(), reason, BodyText(message.Body)),
            cancellationToken);
        work.MarkPoisoned(message);
        AggregationFunctionLog.PoisonKept(logger, message.MessageId, message.DeliveryCount, reason);
    }

    private PayloadResult Failed(UsageBatch work, Exception exception, int attempts)
    {
        // Service Bus redelivers the batch, and what was already committed is recognised by its markers.
        AggregationFunctionLog.BatchFailed(logger, work.Messages.Count, exception.GetType().Name, attempts);
        return PayloadResult.TransientFailure($"Aggregating the batch failed ({exception.GetType().Name}) after {attempts} attempt(s); it will be redelivered.");
    }

    /// <summary>Storage that did not answer, or a partition that kept changing: worth another try in a moment.</summary>
    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (StorageFailures.IsTransient(exception, cancellationToken) || exception is AggregationConflictException);

    private static string BodyText(ReadOnlyMemory<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Span);
        return text.Length <= PoisonMessage.MaxBodyChars ? text : text[..PoisonMessage.MaxBodyChars];
    }
}
