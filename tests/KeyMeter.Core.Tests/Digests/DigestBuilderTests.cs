using KeyMeter.Core.Agents;
using KeyMeter.Core.Digests;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Notifications;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Digests;

public sealed class DigestBuilderTests
{
    private static readonly DigestPeriod Yesterday = new(DigestKind.Daily, Day("2026-03-10"), Day("2026-03-10"));
    private readonly DigestFixtures _fixtures = new();

    private static Dictionary<string, string> Project(string name) => new Dictionary<string, string> { ["project"] = name };

    private static UsageRecord At(UsageRecord record, int utcHour) =>
        record with { StartedAt = new DateTimeOffset(record.StartedAt.UtcDateTime.Date.AddHours(utcHour), TimeSpan.Zero) };

    private async Task SeedAsync()
    {
        // Seven quiet days for alice ($1 a day), then $10 on 03-10: an anomaly. Bob spends $3 at 23:00 UTC.
        for (var back = 1; back <= 7; back++)
        {
            _fixtures.Reader.Add(Record(Day("2026-03-10").AddDays(-back).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), cost: 1m, tags: Project("atlas")));
        }

        _fixtures.Reader
            .Add(Record("2026-03-10", cost: 6m, tags: Project("atlas")))
            .Add(Record("2026-03-10", cost: 4m, model: "gpt-5", provider: "openai", tags: Project("borealis")))
            .Add(At(Record("2026-03-10", keyId: BobKey, owner: "bob@example.com", cost: 3m), utcHour: 23))
            .Add(Record("2026-03-10", keyId: "cursor", owner: "dave@example.com", source: UsageSources.Cursor, provider: "byok", model: "claude-sonnet-4-5", cost: 0m, cursorFee: 0.5m))
            .Add(Record("2026-03-09", keyId: "cursor", owner: "carol@example.com", source: UsageSources.Cursor, provider: "cursor", cost: 2m));
        await _fixtures.Facts.PutAsync([new AgentFact(Day("2026-03-10"), "dave@example.com", "cursor", AgentFactNames.LinesAdded, "cursor-daily", 200m, AgentFactKind.Amount)], CancellationToken.None);
        await _fixtures.AddKeyAsync(AliceKey, "alice@example.com", daily: 8m, monthly: null);
        await _fixtures.AddKeyAsync(BobKey, "bob@example.com", daily: null, monthly: 100m);
    }

    [Fact]
    public async Task Build_SeededDay_EveryFigureFromTheAggregates()
    {
        await SeedAsync();

        var digest = await _fixtures.Builder().BuildAsync(Yesterday, CancellationToken.None);

        Assert.Equal(13.5m, Digest.Spend(digest.Total));
        Assert.Equal(4, digest.Total.Requests);
        Assert.Equal(3m, Digest.Spend(digest.PreviousTotal)); // alice's $1 and carol's $2 on 03-09
        Assert.Equal(["alice@example.com", "bob@example.com", "dave@example.com"], digest.TopDevelopers.Select(group => group.Value));
        Assert.Equal([("atlas", 6m), ("borealis", 4m)], digest.TopProjects.Select(group => (group.Value, Digest.Spend(group.Counters))));
        Assert.Equal("claude-sonnet-4-5", digest.TopModels[0].Value);
        Assert.Equal([(UsageSources.Proxy, 13m), (UsageSources.Cursor, 0.5m)], digest.Sources.Select(group => (group.Value, Digest.Spend(group.Counters))));

        Assert.Equal(["alice", "bob"], digest.Budgets.Keys.Select(key => key.Name));
        Assert.Equal(10m, digest.Budgets.Keys[0].Daily!.SpentUsd);

        // Bob has no trailing days, so his $3 is over three times a $0 median; dave's $0.50 is under the floor.
        Assert.Equal(
            [("alice@example.com", 10m, 1m), ("bob@example.com", 3m, 0m)],
            digest.Anomalies.Select(anomaly => (anomaly.Developer, anomaly.SpentUsd, anomaly.MedianUsd)));
        var night = Assert.Single(digest.Night);
        Assert.Equal(("bob@example.com", 1L, 3m), (night.Developer, night.Requests, night.SpentUsd));

        // Month to date 03-01..03-10: 7×$1 (03-03..03-09) + carol's $2 + the day's $13.50; trailing 7 days 03-04..03-10.
        Assert.Equal(22.5m, digest.Forecast.MonthToDateUsd);
        Assert.Equal((6m + 2m + 13.5m) / 7m, digest.Forecast.DailyAverageUsd);
        Assert.Equal(21, digest.Forecast.DaysLeft);

        var bypassing = Assert.Single(digest.Bypassing);
        Assert.Equal("dave@example.com", bypassing.Developer);

        // Agents: the proxy's calls name no agent, Cursor's are Cursor's, with the lines its daily usage reported.
        Assert.Equal([("other", 13m, 2, 2), ("cursor", 0.5m, 1, 1)], digest.Agents.Select(agent => (agent.Agent, agent.SpendUsd, agent.Developers, agent.Sessions)));
        Assert.Equal(0.25m, digest.Agents[1].SpendPer100Lines);

        // Sessions: alice's two calls at noon are one, bob's and dave's their own; dave's spend is Cursor's fee.
        Assert.Equal(
            [("alice@example.com", 10m, 2L), ("bob@example.com", 3m, 1L), ("dave@example.com", 0.5m, 1L)],
            digest.TopSessions.Select(session => (session.Developer, session.SpendUsd, session.Counters.Requests)));
    }

    [Fact]
    public async Task Build_TopCount_CutsEveryList()
    {
        await SeedAsync();
        _fixtures.Options.TopCount = 1;

        var digest = await _fixtures.Builder().BuildAsync(Yesterday, CancellationToken.None);

        Assert.Equal(["alice@example.com"], digest.TopDevelopers.Select(group => group.Value));
        Assert.Single(digest.TopProjects);
        Assert.Single(digest.TopModels);
    }

    [Fact]
    public async Task Compose_SeededDay_PlainTextSaysEverySection()
    {
        await SeedAsync();
        var digest = await _fixtures.Builder().BuildAsync(Yesterday, CancellationToken.None);

        var message = DigestComposer.Compose(digest, new Uri("https://keymeter.example/dashboard"));
        var text = PlainTextRenderer.Render(message);

        Assert.Equal("digest|daily|2026-03-10", message.Id);
        Assert.Equal(NotificationKind.DailyDigest, message.Kind);
        Assert.Equal(NotificationSeverity.Warning, message.Severity);
        Assert.Equal("KeyMeter daily digest 2026-03-10: $13.50", message.Subject);
        Assert.Empty(message.Recipients);
        foreach (var expected in new[]
        {
            "Top developers", "alice@example.com", "atlas", "borealis", "Through the proxy", "Cursor (Admin API)",
            "alice@example.com spent $10.00 on 2026-03-10, over three times their 7-day median of $1.00.",
            "bob@example.com made 1 request(s) ($3.00) in night hours, at 23:00.",
            "Month-end forecast", "dave@example.com", "https://keymeter.example/dashboard", "+350%",
            "Most expensive sessions", "2026-03-10 23:00", "Agents compared", "$0.25",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Compose_EmptyPeriod_EveryListSaysNone()
    {
        var digest = await _fixtures.Builder().BuildAsync(Yesterday, CancellationToken.None);

        var message = DigestComposer.Compose(digest, null);
        var text = PlainTextRenderer.Render(message);

        Assert.Equal(NotificationSeverity.Info, message.Severity);
        Assert.Equal("KeyMeter daily digest 2026-03-10: $0.00", message.Subject);
        Assert.Contains("no change", text, StringComparison.Ordinal);
        Assert.Contains("No key has a budget.", text, StringComparison.Ordinal);
        Assert.Contains("None: no developer spent over three times", text, StringComparison.Ordinal);
        Assert.Contains("None: every Cursor BYOK request", text, StringComparison.Ordinal);
    }
}
