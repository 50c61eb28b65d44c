using System.Globalization;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Alerts;

/// <summary>The message a <see cref="BudgetAlert"/> becomes: to the channels and to the key's owner.</summary>
public static class BudgetAlertComposer
{
    public static NotificationMessage Compose(BudgetAlert alert, Uri? dashboard)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var period = alert.Period == BudgetPeriod.Daily ? "daily" : "monthly";
        var span = alert.Period == BudgetPeriod.Daily
            ? alert.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : alert.PeriodStart.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var blocked = alert.Threshold >= 100;
        var subject = blocked
            ? $"KeyMeter: {alert.KeyName} used its {period} budget; new calls are blocked"
            : string.Create(CultureInfo.InvariantCulture, $"KeyMeter: {alert.KeyName} reached {alert.Threshold}% of its {period} budget");
        var remaining = Math.Max(0m, alert.LimitUsd - alert.SpentUsd);
        var resets = alert.ResetsAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var summary = blocked
            ? $"Key {alert.KeyName} ({alert.OwnerEmail}) has spent {Money.Format(alert.SpentUsd)} of its {Money.Format(alert.LimitUsd)} {period} budget for {span}. KeyMeter refuses its new calls until the budget resets at {resets}."
            : $"Key {alert.KeyName} ({alert.OwnerEmail}) has spent {Money.Format(alert.SpentUsd)} of its {Money.Format(alert.LimitUsd)} {period} budget for {span}; {Money.Format(remaining)} is left until it resets at {resets}.";
        var facts = new List<MessageFact>
        {
            new("Key", $"{alert.KeyName} ({alert.KeyId})"),
            new("Owner", alert.OwnerEmail),
            new("Budget", $"{Money.Format(alert.LimitUsd)} {period} ({span})"),
            new("Spent", string.Create(CultureInfo.InvariantCulture, $"{Money.Format(alert.SpentUsd)} ({Percent(alert)} of the budget)")),
            new("Left", Money.Format(remaining)),
            new("Resets", resets),
        };
        var advice = blocked
            ? "To let the key work again before then, raise its budget: PATCH /manage/keys/{id} with a higher budgets value."
            : "Nothing is blocked yet. At 100% KeyMeter refuses new calls with this key until the budget resets.";
        return new NotificationMessage(
            alert.Id,
            NotificationKind.BudgetAlert,
            alert.Threshold >= 100 ? NotificationSeverity.Critical : alert.Threshold >= 80 ? NotificationSeverity.Warning : NotificationSeverity.Info,
            subject,
            summary,
            [new MessageSection("Budget", [advice], facts)],
            [alert.OwnerEmail],
            dashboard);
    }

    private static string Percent(BudgetAlert alert) =>
        (alert.SpentUsd / alert.LimitUsd).ToString("0.#%", CultureInfo.InvariantCulture);
}
