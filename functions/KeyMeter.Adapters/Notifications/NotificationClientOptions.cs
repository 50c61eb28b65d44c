using Azure.Core;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// Azure.Core pipeline options of the notification channels: Azure.Core's retries (408, 429 with its
/// <c>Retry-After</c>, 5xx, network failures; exponential backoff) from <see cref="NotificationOptions"/>, and no
/// diagnostics, so no webhook URL (the URL is the secret) reaches an event source or a trace.
/// </summary>
internal sealed class NotificationClientOptions : ClientOptions
{
    public NotificationClientOptions(NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = options.MaxAttempts - 1;
        Retry.Delay = options.RetryDelay;
        Retry.MaxDelay = TimeSpan.FromMinutes(1);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingEnabled = false;
        Diagnostics.IsDistributedTracingEnabled = false;
        Diagnostics.IsTelemetryEnabled = false;
    }
}
