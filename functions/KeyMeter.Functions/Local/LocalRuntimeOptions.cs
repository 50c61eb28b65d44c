using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Local mode's stand-ins for the Functions host: in-process queue batching, redelivery and duplicate detection
/// (mirroring host.json <c>extensions.serviceBus</c> and the Service Bus queue settings), and invocation timeouts.
/// </summary>
internal sealed class LocalRuntimeOptions
{
    public const string SectionName = "LocalRuntime";

    /// <summary>Most messages per <c>cardinality: many</c> invocation (host.json <c>maxMessageBatchSize</c>).</summary>
    [Range(1, 1000)]
    public int MaxMessageBatchSize { get; set; } = 100;

    /// <summary>How long a batch that is not full waits for more messages (host.json <c>maxBatchWaitTime</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxBatchWaitTime { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Deliveries before a message is dead-lettered (the Service Bus queue default is 10).</summary>
    [Range(1, 100)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Pause before redelivering a failed invocation.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a MessageId is remembered to drop duplicates (the queues' duplicate-detection window).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long shutdown waits for queued messages to be delivered before dropping them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one invocation (the host uses functionTimeout + 1 minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromMinutes(11);
}
