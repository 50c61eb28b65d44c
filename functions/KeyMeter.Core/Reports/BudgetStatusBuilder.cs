using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Joins the keys' budgets to their spend: every key that is usable on the day and has a daily or a monthly budget,
/// closest to its limit first (then by name). Keys without usage count as having spent nothing.
/// </summary>
internal static class BudgetStatusBuilder
{
    public static BudgetStatusReport Build(
        DateOnly day,
        IEnumerable<DeveloperKey> keys,
        IReadOnlyDictionary<string, decimal> daySpendByKey,
        IReadOnlyDictionary<string, decimal> monthSpendByKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(daySpendByKey);
        ArgumentNullException.ThrowIfNull(monthSpendByKey);
        var startOfDay = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var statuses = keys
            .Where(key => key.Status == KeyStatus.Active && (key.ExpiresAt is null || key.ExpiresAt > startOfDay))
            .Where(key => key.Budgets.DailyUsd is not null || key.Budgets.MonthlyUsd is not null)
            .Select(key => new KeyBudgetStatus(
                key.Id,
                key.Name,
                key.OwnerEmail,
                Use(key.Budgets.DailyUsd, daySpendByKey, key.Id),
                Use(key.Budgets.MonthlyUsd, monthSpendByKey, key.Id)))
            .OrderByDescending(status => status.HighestFraction)
            .ThenBy(status => status.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new BudgetStatusReport(day, statuses);
    }

    private static BudgetUse? Use(decimal? limit, IReadOnlyDictionary<string, decimal> spend, string keyId) =>
        limit is { } value ? new BudgetUse(value, spend.GetValueOrDefault(keyId)) : null;
}
