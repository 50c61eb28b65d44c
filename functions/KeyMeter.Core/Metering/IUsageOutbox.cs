namespace KeyMeter.Core.Metering;

/// <summary>
/// Port to durable storage for usage records that could not be published (Table Storage): kept until a later attempt
/// succeeds, so no usage is lost (README, Architecture).
/// </summary>
public interface IUsageOutbox
{
    Task SaveAsync(UsageRecord record, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> waiting records, oldest first.</summary>
    Task<IReadOnlyList<UsageRecord>> PendingAsync(int max, CancellationToken cancellationToken);

    /// <summary>Forgets a record once it is published; a missing record is fine.</summary>
    Task RemoveAsync(string recordId, CancellationToken cancellationToken);
}
