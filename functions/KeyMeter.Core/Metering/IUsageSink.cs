namespace KeyMeter.Core.Metering;

/// <summary>
/// Port where usage records go: the Service Bus <c>usage</c> queue in Azure, the in-process queue locally. An
/// implementation retries and, when it still cannot publish, keeps the record durably for a later attempt
/// (no usage is lost): a completed call returns only once the record is safe.
/// </summary>
public interface IUsageSink
{
    ValueTask PublishAsync(UsageRecord record, CancellationToken cancellationToken);

    /// <summary>Publishes many records with the same guarantee; an implementation may send them in batches.</summary>
    async ValueTask PublishManyAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            await PublishAsync(record, cancellationToken);
        }
    }
}
