namespace KeyMeter.Core.Notifications;

/// <summary>What a <see cref="NotificationMessage"/> is.</summary>
public enum NotificationKind
{
    BudgetAlert,
    DailyDigest,
    WeeklyDigest,
}
