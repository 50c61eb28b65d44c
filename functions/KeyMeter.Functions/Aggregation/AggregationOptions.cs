using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Aggregation;

/// <summary>How <c>usage-aggregate</c> rides out a storage outage: <c>KeyMeter__Aggregation__*</c>.</summary>
/// <remarks>
/// Service Bus delivers a message at most 10 times (the queue's max delivery count) and redelivers a failed batch at
/// once, so without waiting inside the invocation ten deliveries last seconds. Each delivery instead keeps retrying,
/// with exponential backoff and jitter, for up to <see cref="StorageRetryWindow"/>: ten deliveries then cover an outage
/// of about ten windows. The window must stay below host.json's <c>maxAutoLockRenewalDuration</c> (5 minutes), or the
/// lock on the batch would lapse while the invocation still holds it.
/// </remarks>
public sealed class AggregationOptions
{
    public const string SectionName = "KeyMeter:Aggregation";

    /// <summary>
    /// How long one invocation keeps retrying a transient storage failure before it answers non-2xx and the batch is
    /// redelivered; zero retries nothing. Default 1 minute, at most 4.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:04:00")]
    public TimeSpan StorageRetryWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first pause after a failure; each next one doubles, up to 15 seconds, with jitter. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:15")]
    public TimeSpan StorageRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
