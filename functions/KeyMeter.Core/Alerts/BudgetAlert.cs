using System.Globalization;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;

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

    /// <summary>The earliest period an alert may be for: days in four-digit years keep their arithmetic in range.</summary>
    public static readonly DateOnly EarliestPeriod = new(2000, 1, 1);

    /// <summary>The latest period an alert may be for.</summary>
    public static readonly DateOnly LatestPeriod = new(2999, 12, 31);

    /// <summary>The largest spend an alert may report, in USD; with <see cref="MinLimitUsd"/> it keeps every ratio in range.</summary>
    public const decimal MaxSpentUsd = 1_000_000_000_000_000m;

    /// <summary>The smallest budget an alert may be for, in USD.</summary>
    public const decimal MinLimitUsd = 0.000001m;

    /// <summary>The longest key id, name or email an alert may carry.</summary>
    public const int MaxTextLength = 320;

    /// <summary>
    /// Why this alert cannot be sent, or null when it can: every field within the bounds the aggregator's alerts keep
    /// (a queue message can say anything, and composing an alert must not fail half way). Names the field, never a value.
    /// </summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(KeyId) || string.IsNullOrWhiteSpace(KeyName) || string.IsNullOrWhiteSpace(OwnerEmail))
        {
            return "keyId, keyName and ownerEmail are required";
        }

        if (KeyId.Length > MaxTextLength || KeyName.Length > MaxTextLength || OwnerEmail.Length > MaxTextLength)
        {
            return $"keyId, keyName and ownerEmail must be at most {MaxTextLength} characters";
        }

        if (PeriodStart < EarliestPeriod || PeriodStart > LatestPeriod)
        {
            return "periodStart must be between 2000-01-01 and 2999-12-31";
        }

        if (Threshold is < 1 or > 1000)
        {
            return "threshold must be a percentage from 1 to 1000";
        }

        if (LimitUsd < MinLimitUsd || LimitUsd > KeyRules.MaxBudgetUsd)
        {
            return $"limitUsd must be between {MinLimitUsd} and {KeyRules.MaxBudgetUsd}";
        }

        return SpentUsd is < 0 or > MaxSpentUsd ? $"spentUsd must be between 0 and {MaxSpentUsd}" : null;
    }

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
