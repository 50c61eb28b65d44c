using System.Globalization;
using KeyMeter.Core.Budgets;

namespace KeyMeter.Core.Alerts;

/// <summary>
/// A key whose spend reached <see cref="Threshold"/> percent of one budget: the body of an <c>alerts</c> queue message.
/// Names and figures only; never the key's secret.
/// </summary>
/// <param name="PeriodStart">The UTC day, or the first day of the UTC month, the budget is for.</param>
/// <param name="At">When the aggregator saw the threshold reached.</param>
public sealed record BudgetAlert(
    string KeyId,
    string KeyName,
    string OwnerEmail,
    BudgetPeriod Period,
    DateOnly PeriodStart,
    int Threshold,
    decimal LimitUsd,
    decimal SpentUsd,
    DateTimeOffset At)
{
    /// <summary>
    /// The alert's identity, and so its queue <c>MessageId</c> and delivery-ledger key: one per key, period and threshold
    /// (<c>alert|key_…|daily|2026-12-02|80</c>, <c>alert|key_…|monthly|2026-12|100</c>). At most 70 characters.
    /// </summary>
    public string Id => Period == BudgetPeriod.Daily
        ? string.Create(CultureInfo.InvariantCulture, $"alert|{KeyId}|daily|{PeriodStart:yyyy-MM-dd}|{Threshold}")
        : string.Create(CultureInfo.InvariantCulture, $"alert|{KeyId}|monthly|{PeriodStart:yyyy-MM}|{Threshold}");

    /// <summary>When the budget starts over: the next UTC midnight, or the first of the next month.</summary>
    public DateTimeOffset ResetsAt
    {
        get
        {
            var start = new DateTimeOffset(PeriodStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return Period == BudgetPeriod.Daily ? start.AddDays(1) : start.AddMonths(1);
        }
    }
}
