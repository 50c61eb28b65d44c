using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Alerts;

/// <summary>Budget alert logs, EventIds 8000–8099: alert ids (key id, period, threshold) and amounts, never a secret.</summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Queued budget alert {AlertId}: {SpentUsd} USD of {LimitUsd} USD")]
    public static partial void Queued(ILogger logger, string alertId, decimal spentUsd, decimal limitUsd);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Queuing budget alerts failed ({ErrorType}); the batch is redelivered and the alerts planned again")]
    public static partial void QueueFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Budget alert {AlertId} delivered ({Channels})")]
    public static partial void Delivered(ILogger logger, string alertId, string channels);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Budget alert {AlertId} is still owed to {Channels}; Service Bus delivers it again")]
    public static partial void NotDelivered(ILogger logger, string alertId, string channels);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Error, Message = "Message {MessageId} on the alerts queue cannot be sent as a budget alert ({Reason}); kept in the poison table and acknowledged")]
    public static partial void Unreadable(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Budget alert {AlertId} has no channel to go to: configure email, Teams or Slack")]
    public static partial void NoChannel(ILogger logger, string alertId);
}
