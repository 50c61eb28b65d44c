using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Digests;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Notifications;
using KeyMeter.Core.Reports;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>
/// A budget alert and a daily digest as the real composers write them, with one hostile value in one
/// <see cref="HostileField"/> and ordinary values everywhere else.
/// </summary>
internal static class HostileMessages
{
    public static readonly Uri Dashboard = new("https://keymeter.example.com/dashboard");

    public static NotificationMessage Compose(HostileField field, string value) => field switch
    {
        HostileField.AlertKeyName or HostileField.AlertOwner => Alert(field, value),
        _ => Digest(field, value),
    };

    private static NotificationMessage Alert(HostileField field, string value) => BudgetAlertComposer.Compose(
        new BudgetAlert(
            "key_0123456789abcdef0123",
            field == HostileField.AlertKeyName ? value : "alice-laptop",
            field == HostileField.AlertOwner ? value : "alice@example.com",
            BudgetPeriod.Daily,
            new DateOnly(2026, 12, 2),
            100,
            10m,
            10.25m,
            new DateTimeOffset(2026, 12, 2, 15, 4, 5, TimeSpan.Zero)),
        Dashboard);

    private static NotificationMessage Digest(HostileField field, string value)
    {
        var day = new DateOnly(2026, 12, 1);
        var counters = AggregateCounters.Zero with { Requests = 3, CostUsd = 2.5m };
        string Pick(HostileField here, string ordinary) => field == here ? value : ordinary;
        var developer = Pick(HostileField.DigestDeveloper, "bob@example.com");
        var digest = new Digest(
            new DigestPeriod(DigestKind.Daily, day, day),
            counters,
            counters with { CostUsd = 1m },
            [new ReportGroup(developer, counters)],
            [new ReportGroup(Pick(HostileField.DigestProject, "atlas"), counters)],
            [new ReportGroup(Pick(HostileField.DigestModel, "gpt-4o-mini"), counters)],
            [new ReportGroup(UsageSources.Proxy, counters), new ReportGroup(Pick(HostileField.DigestSource, "cursor"), counters)],
            new BudgetStatusReport(day, [new KeyBudgetStatus(
                "key_0123456789abcdef0123",
                Pick(HostileField.DigestKeyName, "alice-laptop"),
                Pick(HostileField.DigestKeyOwner, "alice@example.com"),
                new BudgetUse(10m, 9m),
                null)]),
            [new SpendAnomaly(developer, day, 12m, 1m)],
            [new NightActivity(developer, 4, 1.5m, [23])],
            new DigestForecast(day, 20m, 2m, 30),
            [new ReconciliationDeveloper(developer, false, ReconciliationCounts.Zero, 1, 0, 5, [])]);
        return DigestComposer.Compose(digest, Dashboard);
    }
}
