namespace KeyMeter.Functions.Alerts;

/// <summary>Log events of the <c>alert-notify</c> function (EventIds 8002–8005; Core's alert logs keep the rest of 8000–8099).</summary>
internal static partial class AlertFunctionLog
{
    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Budget alert {AlertId} delivered ({Channels})")]
    public static partial void Delivered(ILogger logger, string alertId, string channels);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Budget alert {AlertId} is still owed to {Channels}; Service Bus delivers it again")]
    public static partial void NotDelivered(ILogger logger, string alertId, string channels);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Error, Message = "Message {MessageId} on the alerts queue cannot be sent as a budget alert ({Reason}); kept in the poison table and acknowledged")]
    public static partial void Unreadable(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Budget alert {AlertId} has no channel to go to: configure email, Teams or Slack")]
    public static partial void NoChannel(ILogger logger, string alertId);
}
