namespace KeyMeter.Core.Notifications;

/// <summary>How urgent a <see cref="NotificationMessage"/> is: channels colour or mark it accordingly.</summary>
public enum NotificationSeverity
{
    Info,
    Warning,
    Critical,
}
