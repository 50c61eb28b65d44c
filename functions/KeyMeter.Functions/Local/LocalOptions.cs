using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Settings of local mode (no Functions host): <c>KeyMeter__Local__*</c>. The function key and Azurite, and local mode's
/// stand-ins for the Functions host: in-process queue batching, redelivery and duplicate detection (mirroring host.json
/// <c>extensions.serviceBus</c> and the Service Bus queue settings), and invocation timeouts.
/// </summary>
public sealed class LocalOptions
{
    public const string SectionName = "KeyMeter:Local";

    /// <summary>
    /// Where the queue and invocation settings were read from before they joined this section (<c>LocalRuntime__*</c>);
    /// still read, below <see cref="SectionName"/>, so existing settings keep working.
    /// </summary>
    public const string FormerRuntimeSectionName = "LocalRuntime";

    /// <summary>
    /// The value management and report routes require in <c>x-functions-key</c>, as Azure's function keys do.
    /// Generated and printed at start when not set.
    /// </summary>
    [MinLength(16, ErrorMessage = "KeyMeter__Local__FunctionKey must be at least 16 characters (or unset, to have one generated).")]
    [RegularExpression(@"^\S+$", ErrorMessage = "KeyMeter__Local__FunctionKey must not contain spaces.")]
    public string? FunctionKey { get; set; }

    /// <summary>Start Azurite when the storage is the development storage and nothing answers. Default true.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Where a started Azurite keeps its data, relative to the working directory. Default <c>.azurite</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "KeyMeter__Local__AzuriteDataDirectory must not be empty.")]
    public string AzuriteDataDirectory { get; set; } = ".azurite";

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
