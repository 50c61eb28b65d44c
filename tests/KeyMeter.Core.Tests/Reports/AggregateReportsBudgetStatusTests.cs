using KeyMeter.Core.Keys;
using KeyMeter.Core.Reports;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Reports;

public sealed class AggregateReportsBudgetStatusTests
{
    private const string CarolKey = "key_000000000000000ca701";
    private const string DaveKey = "key_000000000000000da7e0";
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly InMemoryAggregateReader _reader = new();
    private readonly AggregateReports _reports;

    public AggregateReportsBudgetStatusTests() => _reports = new AggregateReports(_reader);

    private static DeveloperKey Key(string id, string name, decimal? daily, decimal? monthly, KeyStatus status = KeyStatus.Active, DateTimeOffset? expiresAt = null) =>
        new(id, name, name + "@example.com", new Dictionary<string, string>(), new KeyBudgets(daily, monthly), [], expiresAt, status, "h", Created, Created);

    [Fact]
    public async Task BudgetStatus_SpendOfDayAndMonthToDate_ExactAndClosestToLimitFirst()
    {
        _reader.Add(Record("2026-03-01", keyId: AliceKey, cost: 10m))
            .Add(Record("2026-03-05", keyId: AliceKey, cost: 2.5m))
            .Add(Record("2026-03-05", keyId: AliceKey, cost: 0.000001m))
            .Add(Record("2026-03-06", keyId: AliceKey, cost: 100m))
            .Add(Record("2026-02-28", keyId: AliceKey, cost: 100m))
            .Add(Record("2026-03-05", keyId: BobKey, owner: "bob@example.com", cost: 9m));
        var keys = new[] { Key(AliceKey, "alice", daily: 5m, monthly: 50m), Key(BobKey, "bob", daily: 10m, monthly: null) };

        var report = await _reports.BudgetStatusAsync(keys, Day("2026-03-05"), CancellationToken.None);

        Assert.Equal(Day("2026-03-05"), report.Day);
        Assert.Equal(["bob", "alice"], report.Keys.Select(key => key.Name));
        var bob = report.Keys[0];
        Assert.Equal(new BudgetUse(10m, 9m), bob.Daily);
        Assert.Null(bob.Monthly);
        Assert.Equal(0.9m, bob.HighestFraction);
        var alice = report.Keys[1];
        Assert.Equal(new BudgetUse(5m, 2.500001m), alice.Daily);
        Assert.Equal(new BudgetUse(50m, 12.500001m), alice.Monthly);
        Assert.Equal(2.499999m, alice.Daily!.RemainingUsd);
    }

    [Fact]
    public async Task BudgetStatus_KeysWithoutBudgetRevokedOrExpired_LeftOut()
    {
        _reader.Add(Record("2026-03-05", keyId: CarolKey, owner: "carol@example.com", cost: 1m));
        var keys = new[]
        {
            Key(AliceKey, "alice", daily: null, monthly: null),
            Key(BobKey, "bob", daily: 1m, monthly: null, status: KeyStatus.Revoked),
            Key(CarolKey, "carol", daily: null, monthly: 4m, expiresAt: new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero)),
            Key(DaveKey, "dave", daily: null, monthly: 4m),
        };

        var report = await _reports.BudgetStatusAsync(keys, Day("2026-03-05"), CancellationToken.None);

        var dave = Assert.Single(report.Keys);
        Assert.Equal(DaveKey, dave.KeyId);
        Assert.Equal(new BudgetUse(4m, 0m), dave.Monthly);
    }

    [Fact]
    public void BudgetUse_OverLimit_FractionAboveOneAndNothingRemaining()
    {
        var use = new BudgetUse(2m, 3m);

        Assert.Equal(1.5m, use.Fraction);
        Assert.Equal(0m, use.RemainingUsd);
    }
}
