using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Reports;

namespace KeyMeter.Core.Tests.Reports;

public sealed class SessionsBuilderTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromMinutes(30);

    [Fact]
    public void Build_NamedSessionOverTwoModelsAndMidnight_OneSessionWithItsSpan()
    {
        var records = new[]
        {
            Call("2026-12-01T23:50:00Z", cost: 0.10m, session: "s-1", model: "claude-sonnet-4-5", latencyMs: 2_000),
            Call("2026-12-01T23:55:00Z", cost: 0.01m, session: "s-1", model: "claude-haiku-4-5"),
            Call("2026-12-02T00:20:00Z", cost: 0.20m, session: "s-1", model: "claude-sonnet-4-5", latencyMs: 65_000),
        };

        var session = Assert.Single(SessionsBuilder.Build(Entries(records), Gap));

        Assert.Equal("s-1", session.Id);
        Assert.True(session.Named);
        Assert.Null(session.KeyId);
        Assert.Equal(CodingAgents.ClaudeCode, session.Agent);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T23:50:00Z"), session.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T00:21:05Z"), session.End);
        Assert.Equal(["claude-haiku-4-5", "claude-sonnet-4-5"], session.Models);
        Assert.Equal(3, session.Counters.Requests);
        Assert.Equal(0.31m, session.Counters.CostUsd);
    }

    [Fact]
    public void Build_UnnamedCalls_CutAtIdleGapsOfTheSetting()
    {
        var records = new[]
        {
            Call("2026-12-01T10:00:00Z", session: null),
            Call("2026-12-01T10:29:59Z", session: null),
            Call("2026-12-01T10:59:58Z", session: null),
            Call("2026-12-01T11:30:00Z", session: null),
            Call("2026-12-01T11:40:00Z", session: null),
        };

        var sessions = SessionsBuilder.Build(Entries(records), Gap).OrderBy(session => session.Start).ToList();

        Assert.Equal(2, sessions.Count);
        Assert.Equal((DateTimeOffset.Parse("2026-12-01T10:00:00Z"), DateTimeOffset.Parse("2026-12-01T10:59:58Z"), 3L), (sessions[0].Start, sessions[0].End, sessions[0].Counters.Requests));
        Assert.Equal((DateTimeOffset.Parse("2026-12-01T11:30:00Z"), DateTimeOffset.Parse("2026-12-01T11:40:00Z"), 2L), (sessions[1].Start, sessions[1].End, sessions[1].Counters.Requests));
        Assert.All(sessions, session => Assert.False(session.Named));
        Assert.Equal(ReportFixtures.AliceKey + "@20261201T1000Z", sessions[0].Id);
        Assert.Single(SessionsBuilder.Build(Entries(records), TimeSpan.FromMinutes(31)));
    }

    [Fact]
    public void Build_UnnamedCallsOfTwoKeysOrAgents_NeverOneSession()
    {
        var records = new[]
        {
            Call("2026-12-01T10:00:00Z", session: null),
            Call("2026-12-01T10:01:00Z", session: null, key: ReportFixtures.BobKey, owner: "bob@example.com"),
            Call("2026-12-01T10:02:00Z", session: null) with { Agent = CodingAgents.Cursor },
        };

        Assert.Equal(3, SessionsBuilder.Build(Entries(records), Gap).Count);
    }

    [Fact]
    public void Report_FiltersAndOrdersMostExpensiveFirst()
    {
        var records = new[]
        {
            Call("2026-12-01T09:00:00Z", cost: 0.50m, session: "cheap"),
            Call("2026-12-01T09:00:00Z", cost: 2.00m, session: "dear"),
            Call("2026-12-01T09:00:00Z", cost: 1.00m, session: "middle"),
            Call("2026-12-01T09:00:00Z", cost: 9.00m, session: "bobs", key: ReportFixtures.BobKey, owner: "bob@example.com"),
            Call("2026-12-01T09:00:00Z", cost: 7.00m, session: "codex") with { Agent = CodingAgents.Codex },
        };
        var range = new ReportRange(ReportFixtures.Day("2026-12-01"), ReportFixtures.Day("2026-12-01"));

        var report = SessionsBuilder.Report(range, SessionsBuilder.Build(Entries(records), Gap), Gap, "Alice@Example.com", CodingAgents.ClaudeCode, limit: 2);

        Assert.Equal(3, report.Total);
        Assert.Equal(3.50m, report.TotalSpendUsd);
        Assert.Equal(["dear", "middle"], report.Sessions.Select(session => session.Id));
    }

    [Fact]
    public void SessionEntryOf_CursorSeat_HasNone()
    {
        var seat = Call("2026-12-01T00:00:00Z", session: null) with { Source = UsageSources.Cursor, KeyId = string.Empty, Charge = UsageCharges.Seat };

        Assert.Null(SessionEntry.Of(seat, "alice@example.com"));
        Assert.DoesNotContain(RecordDimensions.Of(seat), value => value.Dimension == AggregateDimension.Session);
    }

    private static UsageRecord Call(string at, decimal cost = 0.01m, string? session = "s-1", string model = "claude-sonnet-4-5", long latencyMs = 0, string key = ReportFixtures.AliceKey, string owner = "alice@example.com") =>
        ReportFixtures.Record("2026-12-01", keyId: key, owner: owner, model: model, cost: cost) with
        {
            StartedAt = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture),
            LatencyMs = latencyMs,
            Agent = CodingAgents.ClaudeCode,
            SessionId = session,
        };

    /// <summary>The session entries the aggregator would store for <paramref name="records"/>, one per record.</summary>
    private static IEnumerable<(DateOnly, string, AggregateCounters)> Entries(IEnumerable<UsageRecord> records) =>
        records.Select(record => (
            DateOnly.FromDateTime(record.StartedAt.UtcDateTime),
            SessionEntry.Of(record, RecordDimensions.Developer(record.OwnerEmail))!.Encode(),
            AggregateCounters.Of(record, AggregateDimension.Session)));
}
