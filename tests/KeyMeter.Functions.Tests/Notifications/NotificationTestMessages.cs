using KeyMeter.Core.Alerts;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Functions.Tests.Notifications;

/// <summary>Real messages for channel tests: a budget alert as <see cref="BudgetAlertComposer"/> writes it.</summary>
internal static class NotificationTestMessages
{
    public static BudgetAlert Alert(int threshold = 80, string keyId = "key_0123456789abcdef0123") => new(
        keyId, "alice-laptop", "alice@example.com", BudgetPeriod.Daily, new DateOnly(2026, 12, 2), threshold, 10m, 8.25m,
        new DateTimeOffset(2026, 12, 2, 15, 4, 5, TimeSpan.Zero));

    public static NotificationMessage AlertMessage(int threshold = 80) =>
        BudgetAlertComposer.Compose(Alert(threshold), new Uri("https://keymeter.example.com/dashboard"));

    /// <summary>An alert for a key whose name tries to add a mail header of its own.</summary>
    public static NotificationMessage HeaderInjectingAlertMessage() =>
        BudgetAlertComposer.Compose(Alert() with { KeyName = "evil\r\nBcc: victim@example.com\r\n\r\nfake body" }, new Uri("https://keymeter.example.com/dashboard"));
}
