using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Tests.Alerts;

public sealed class BudgetAlertPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly int[] Thresholds = [50, 80, 100];

    internal static DeveloperKey Key(decimal? daily, decimal? monthly, KeyStatus status = KeyStatus.Active) => new(
        "key_0000000000000000aaaa", "alice-laptop", "alice@example.com", new Dictionary<string, string>(), new KeyBudgets(daily, monthly), [], null, status, "h", Now, Now);

    [Fact]
    public void Plan_EightyPercentExactly_FiftyAndEightyButNotHundred()
    {
        var alerts = BudgetAlertPlanner.Plan(new KeySpend("key_0000000000000000aaaa", Today, 8m, 8m), Key(daily: 10m, monthly: null), Thresholds, Now);

        Assert.Equal(["alert|key_0000000000000000aaaa|daily|2026-12-02|50", "alert|key_0000000000000000aaaa|daily|2026-12-02|80"], alerts.Select(alert => alert.Id));
        Assert.All(alerts, alert => Assert.Equal(8m, alert.SpentUsd));
    }

    [Fact]
    public void Plan_JustBelowThreshold_NoAlert()
    {
        var alerts = BudgetAlertPlanner.Plan(new KeySpend("key_0000000000000000aaaa", Today, 4.999999m, 4.999999m), Key(daily: 10m, monthly: null), Thresholds, Now);

        Assert.Empty(alerts);
    }

    [Fact]
    public void Plan_MonthlyOverLimit_AllThresholdsOfTheMonthWithItsReset()
    {
        var alerts = BudgetAlertPlanner.Plan(new KeySpend("key_0000000000000000aaaa", Today, 1m, 120m), Key(daily: null, monthly: 100m), Thresholds, Now);

        Assert.Equal([50, 80, 100], alerts.Select(alert => alert.Threshold));
        Assert.All(alerts, alert =>
        {
            Assert.Equal(BudgetPeriod.Monthly, alert.Period);
            Assert.Equal(new DateOnly(2026, 12, 1), alert.PeriodStart);
            Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), alert.ResetsAt);
        });
        Assert.Equal("alert|key_0000000000000000aaaa|monthly|2026-12|100", alerts[2].Id);
    }

    [Fact]
    public void Plan_SpendOfAnEarlierDayOrMonth_NoAlert()
    {
        var key = Key(daily: 1m, monthly: 1m);

        Assert.Empty(BudgetAlertPlanner.Plan(new KeySpend(key.Id, Today.AddDays(-1), 5m, 0m), key with { Budgets = new KeyBudgets(1m, null) }, Thresholds, Now));
        Assert.Empty(BudgetAlertPlanner.Plan(new KeySpend(key.Id, new DateOnly(2026, 11, 30), 5m, 5m), key, Thresholds, Now));
    }

    [Fact]
    public void Plan_NoBudgetOrRevokedKey_NoAlert()
    {
        var spend = new KeySpend("key_0000000000000000aaaa", Today, 500m, 500m);

        Assert.Empty(BudgetAlertPlanner.Plan(spend, Key(null, null), Thresholds, Now));
        Assert.Empty(BudgetAlertPlanner.Plan(spend, Key(1m, 1m, KeyStatus.Revoked), Thresholds, Now));
    }

    [Theory]
    [InlineData("50,80,100", true)]
    [InlineData("90", true)]
    [InlineData("80,50", false)]
    [InlineData("50,50", false)]
    [InlineData("0,50", false)]
    [InlineData("fifty", false)]
    [InlineData("", false)]
    public void Options_Thresholds_ValidatedWithTheSettingsName(string thresholds, bool valid)
    {
        var options = new AlertOptions { Thresholds = thresholds };

        var result = new AlertOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("KeyMeter__Alerts__Thresholds", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
