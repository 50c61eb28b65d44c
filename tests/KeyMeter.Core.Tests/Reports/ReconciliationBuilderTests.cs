using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.People;
using KeyMeter.Core.Reports;
using KeyMeter.Testing;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Reports;

public sealed class ReconciliationBuilderTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly InMemoryAggregateReader _reader = new();

    private static UsageRecord Byok(string day, string owner, TokenUsage? tokens = null) =>
        Record(day, keyId: string.Empty, owner: owner, provider: ReconciliationBuilder.CursorByokProvider, source: UsageSources.Cursor, cost: 0m, cursorFee: 0.01m, tokens: tokens);

    private static UsageRecord Billed(string day, string owner) =>
        Record(day, keyId: string.Empty, owner: owner, provider: "cursor", source: UsageSources.Cursor, cost: 0.2m, model: "claude-4.5-sonnet");

    private static UsageRecord Proxy(string day, string owner, string keyId = AliceKey, TokenUsage? tokens = null) =>
        Record(day, keyId: keyId, owner: owner, tokens: tokens);

    private static DeveloperKey Key(string owner, KeyStatus status = KeyStatus.Active) =>
        new("key_" + owner.Length.ToString("x20", System.Globalization.CultureInfo.InvariantCulture), "k", owner,
            new Dictionary<string, string>(), KeyBudgets.Unlimited, [], null, status, "h", Created, Created);

    private void Add(UsageRecord record, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _reader.Add(record with { Id = record.Id + "-" + i });
        }
    }

    private async Task<ReconciliationReport> BuildAsync(string from, string to, PeopleDirectory? people = null, IReadOnlyList<AgentFact>? facts = null)
    {
        var range = new ReportRange(Day(from), Day(to));
        var reports = new AggregateReports(_reader);
        return await ReconciliationBuilder.BuildAsync(range, people ?? PeopleDirectory.Empty, reports.ReadLineRowsAsync(range, CancellationToken.None), facts ?? [], CancellationToken.None);
    }

    [Fact]
    public void CursorByokProvider_IsTheProviderCursorRecordsPublish() =>
        Assert.Equal(CursorRecords.ByokProvider, ReconciliationBuilder.CursorByokProvider);

    [Fact]
    public async Task Build_OneDeveloperEachStatus_DaysInOrderWithCounts()
    {
        var tokens = new TokenUsage(100, 0, 0, 0, 50, 0);
        Add(Byok("2026-03-02", "alice@example.com", tokens), times: 10);
        Add(Proxy("2026-03-02", "alice@example.com", tokens: tokens), times: 9);
        Add(Byok("2026-03-03", "alice@example.com"), times: 4);
        Add(Byok("2026-03-04", "alice@example.com"), times: 10);
        Add(Proxy("2026-03-04", "alice@example.com"), times: 5);
        Add(Proxy("2026-03-05", "alice@example.com"), times: 2);
        Add(Billed("2026-03-06", "alice@example.com"), times: 3);

        var report = await BuildAsync("2026-03-01", "2026-03-31");

        var alice = Assert.Single(report.Developers);
        Assert.Equal("alice@example.com", alice.Developer);
        Assert.Equal(
            [
                ("2026-03-02", ReconciliationStatus.Matched),
                ("2026-03-03", ReconciliationStatus.Bypassing),
                ("2026-03-04", ReconciliationStatus.Partial),
                ("2026-03-05", ReconciliationStatus.ProxyOnly),
                ("2026-03-06", ReconciliationStatus.CursorBilledOnly),
            ],
            alice.Days.Select(day => (ReportRange.Format(day.Date), day.Status)));
        Assert.Equal(new ReconciliationCounts(10, 1500, 9, 1350, 0), alice.Days[0].Counts);
        Assert.Equal(new ReconciliationCounts(24, 1500 + (14 * 176), 16, 1350 + (7 * 176), 3), alice.Total);
        Assert.Equal((1, 1, 4 + 5), (alice.BypassingDays, alice.PartialDays, alice.UnmeteredRequests));
        Assert.Equal(alice.Total, report.Total);
        Assert.Equal(9, report.UnmeteredRequests);
        Assert.Same(alice, Assert.Single(report.Bypassing));
    }

    [Fact]
    public async Task Build_TwoKeysOfOneDeveloper_ProxySideAddsUp()
    {
        Add(Byok("2026-03-02", "bob@example.com"), times: 6);
        Add(Proxy("2026-03-02", "bob@example.com", keyId: AliceKey), times: 3);
        Add(Proxy("2026-03-02", "bob@example.com", keyId: BobKey), times: 3);

        var report = await BuildAsync("2026-03-01", "2026-03-31");

        var day = Assert.Single(Assert.Single(report.Developers).Days);
        Assert.Equal(ReconciliationStatus.Matched, day.Status);
        Assert.Equal(6, day.Counts.ProxyRequests);
        Assert.Empty(report.Bypassing);
    }

    private static AgentFact ApiKeyRequests(string day, string developer, decimal count) =>
        new(Day(day), developer, "cursor", AgentFactNames.ApiKeyRequests, "cursor-daily", count, AgentFactKind.Amount);

    [Fact]
    public async Task Build_CursorsDailyCount_DecidesTheStatusOverItsEvents()
    {
        // 03-02: Cursor's events say 2 BYOK requests, its daily count says 20; the proxy saw 6: partial, 14 unmetered.
        // 03-03: no BYOK events at all (they carried no "User API Key" kind), daily count 5, proxy 5: matched.
        // 03-04: the daily count exists for carol only, with nothing through the proxy: bypassing.
        Add(Byok("2026-03-02", "bob@example.com"), times: 2);
        Add(Proxy("2026-03-02", "bob@example.com"), times: 6);
        Add(Proxy("2026-03-03", "bob@example.com"), times: 5);
        var facts = new[]
        {
            ApiKeyRequests("2026-03-02", "bob@example.com", 20m),
            ApiKeyRequests("2026-03-03", "bob@example.com", 5m),
            ApiKeyRequests("2026-03-04", "carol@example.com", 3m),
            ApiKeyRequests("2026-04-01", "carol@example.com", 99m),
        };

        var report = await BuildAsync("2026-03-01", "2026-03-31", facts: facts);

        var bob = Assert.Single(report.Developers, developer => developer.Developer == "bob@example.com");
        Assert.Equal([ReconciliationStatus.Partial, ReconciliationStatus.Matched], bob.Days.Select(day => day.Status));
        Assert.Equal((2L, 20L), (bob.Days[0].Counts.CursorByokRequests, bob.Days[0].Counts.CursorApiKeyRequests!.Value));
        Assert.Equal(14, bob.UnmeteredRequests);
        Assert.Equal(25, bob.Total.CursorApiKeyRequests);
        var carol = Assert.Single(report.Developers, developer => developer.Developer == "carol@example.com");
        Assert.Equal((ReconciliationStatus.Bypassing, 3L), (Assert.Single(carol.Days).Status, carol.UnmeteredRequests));
        Assert.Contains(carol, report.WithoutKey);
    }

    [Fact]
    public async Task Build_Lists_BypassingByUnmeteredAndWithoutKeyLeavingOutUnknown()
    {
        Add(Byok("2026-03-02", "alice@example.com"), times: 3);
        Add(Byok("2026-03-02", "carol@example.com"), times: 8);
        Add(Proxy("2026-03-02", "carol@example.com"), times: 2);
        Add(Proxy("2026-03-02", "dave@example.com"), times: 5);
        Add(Byok("2026-03-02", "dave@example.com"), times: 5);
        Add(Billed("2026-03-03", "erin@example.com"), times: 2);
        Add(Billed("2026-03-03", string.Empty), times: 7);
        Add(Byok("2026-03-03", "frank@example.com"), times: 1);
        var people = PeopleDirectory.Build(
            [Key("alice@example.com"), Key("Carol@Example.com"), Key("dave@example.com"), Key("frank@example.com", KeyStatus.Revoked)],
            [new TeamAssignment("erin@example.com", "search")]);

        var report = await BuildAsync("2026-03-01", "2026-03-31", people);

        Assert.Equal(
            [RecordDimensions.UnknownDeveloper, "alice@example.com", "carol@example.com", "dave@example.com", "erin@example.com", "frank@example.com"],
            report.Developers.Select(developer => developer.Developer));
        Assert.Equal(
            [("carol@example.com", 6L), ("alice@example.com", 3L), ("frank@example.com", 1L)],
            report.Bypassing.Select(developer => (developer.Developer, developer.UnmeteredRequests)));
        Assert.Equal(["erin@example.com", "frank@example.com"], report.WithoutKey.Select(developer => developer.Developer));
        Assert.True(report.Developers.Single(developer => developer.Developer == "carol@example.com").HasKey);
        Assert.Equal(10, report.UnmeteredRequests);
    }

    [Fact]
    public async Task Build_RangeAcrossMonths_ReadsLineRowsOfEachMonthOnly()
    {
        Add(Byok("2026-02-27", "alice@example.com"));
        Add(Byok("2026-03-02", "alice@example.com"));
        Add(Byok("2026-03-05", "alice@example.com"));

        var report = await BuildAsync("2026-02-28", "2026-03-04");

        Assert.Equal([Day("2026-03-02")], Assert.Single(report.Developers).Days.Select(day => day.Date));
        Assert.Equal(
            [("2026-02", false, AggregateDimension.Line.Name), ("2026-03", false, AggregateDimension.Line.Name)],
            _reader.Calls.Select(call => (call.Partition, call.Monthly, call.Dimension)));
    }

    [Fact]
    public async Task Build_SeatChargeOnly_NoDay()
    {
        Add(Billed("2026-03-02", "alice@example.com") with { Charge = UsageCharges.Seat, Model = CursorRecords.SeatModel });

        var report = await BuildAsync("2026-03-01", "2026-03-31");

        Assert.Empty(report.Developers);
        Assert.Empty(report.WithoutKey);
        Assert.Equal(ReconciliationCounts.Zero, report.Total);
    }

    [Fact]
    public async Task Build_Empty_EmptyReport()
    {
        var report = await BuildAsync("2026-03-01", "2026-03-31");

        Assert.Empty(report.Developers);
        Assert.Empty(report.Bypassing);
        Assert.Empty(report.WithoutKey);
        Assert.Equal(0, report.UnmeteredRequests);
    }

    [Fact]
    public async Task Build_ProxyFixtures_AllProxyOnlyAndTotalsMatchTheRecords()
    {
        var records = AggregationFixtures.Many(300);
        foreach (var record in records)
        {
            _reader.Add(record);
        }

        var report = await BuildAsync("2026-11-01", "2026-12-31");

        Assert.All(report.Developers.SelectMany(developer => developer.Days), day => Assert.Equal(ReconciliationStatus.ProxyOnly, day.Status));
        Assert.Equal(records.Count, report.Total.ProxyRequests);
        Assert.Equal(records.Sum(record => AggregateCounters.Of(record).TotalTokens), report.Total.ProxyTokens);
        Assert.Equal(records.Select(record => record.OwnerEmail).Distinct().Order(StringComparer.Ordinal), report.Developers.Select(developer => developer.Developer));
        Assert.Empty(report.Bypassing);
    }

    [Fact]
    public void Add_OtherDimensionsAndMonthlyRows_Ignored()
    {
        var builder = new ReconciliationBuilder(new ReportRange(Day("2026-03-01"), Day("2026-03-31")), PeopleDirectory.Empty);
        var record = Byok("2026-03-02", "alice@example.com");
        var line = new LineItem(UsageSources.Cursor, ReconciliationBuilder.CursorByokProvider, "m", RecordDimensions.NoKey, "alice@example.com", []).Encode();
        var counters = AggregateCounters.Of(record);
        var developerRow = AggregateRow.Daily(Day("2026-03-02"), AggregateDimension.Developer, 0);
        developerRow.Add("alice@example.com", counters);
        var monthly = AggregateRow.Monthly("2026-03", AggregateDimension.Line, 0);
        monthly.Add(line, counters);
        var undecodable = AggregateRow.Daily(Day("2026-03-02"), AggregateDimension.Line, 0);
        undecodable.Add("not a line", counters);

        builder.Add(developerRow);
        builder.Add(monthly);
        builder.Add(undecodable);

        Assert.Empty(builder.Build().Developers);
    }
}
