using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Alerts;

/// <summary>
/// Budget alert logs, EventIds 8000–8099 (8002–8005 are the <c>alert-notify</c> function's, in KeyMeter.Functions): alert
/// ids (key id, period, threshold) and amounts, never a secret.
/// </summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Queued budget alert {AlertId}: {SpentUsd} USD of {LimitUsd} USD")]
    public static partial void Queued(ILogger logger, string alertId, decimal spentUsd, decimal limitUsd);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Queuing budget alerts failed ({ErrorType}); the batch is redelivered and the alerts planned again")]
    public static partial void QueueFailed(ILogger logger, string errorType);
}
