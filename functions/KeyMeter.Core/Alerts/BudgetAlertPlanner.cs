using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Alerts;

/// <summary>
/// Which alerts a key's spend calls for: one per budget and threshold reached (spend ≥ threshold % of the limit,
/// exactly, in decimals), for the current UTC day and month only. Spend counted late for a day or month that is over
/// raises nothing: the period's budget no longer blocks anything. Alerts are states, not transitions, so the same
/// spend always plans the same alerts and their ids make sending them again harmless.
/// </summary>
public static class BudgetAlertPlanner
{
    public static IReadOnlyList<BudgetAlert> Plan(KeySpend spend, DeveloperKey key, IReadOnlyList<int> thresholds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(thresholds);
        var alerts = new List<BudgetAlert>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (key.Status == KeyStatus.Revoked)
        {
            return alerts;
        }

        if (key.Budgets.DailyUsd is { } daily && spend.Day == today)
        {
            Add(alerts, key, BudgetPeriod.Daily, today, daily, spend.DayCostUsd, thresholds, now);
        }

        if (key.Budgets.MonthlyUsd is { } monthly && spend.Day.Year == today.Year && spend.Day.Month == today.Month)
        {
            Add(alerts, key, BudgetPeriod.Monthly, new DateOnly(today.Year, today.Month, 1), monthly, spend.MonthCostUsd, thresholds, now);
        }

        return alerts;
    }

    private static void Add(List<BudgetAlert> alerts, DeveloperKey key, BudgetPeriod period, DateOnly start, decimal limit, decimal spent, IReadOnlyList<int> thresholds, DateTimeOffset now)
    {
        if (limit <= 0m)
        {
            return;
        }

        foreach (var threshold in thresholds)
        {
            if (spent * 100m >= limit * threshold)
            {
                alerts.Add(new BudgetAlert(key.Id, key.Name, key.OwnerEmail, period, start, threshold, limit, spent, now));
            }
        }
    }
}
