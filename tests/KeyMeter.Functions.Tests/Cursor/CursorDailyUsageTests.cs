using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Agents;
using KeyMeter.Functions.Tests.CustomHandler;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Functions.Tests.Cursor;

/// <summary>
/// <c>cursor-daily-usage</c> in local mode against <see cref="CursorAdminStandIn"/>: the real client and rate limiter,
/// the sync, and the agent facts as stored in Azurite.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class CursorDailyUsageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AdminKey = "test-cursor-admin-key-4567";

    /// <summary>The count fields that become facts, and the fact each becomes.</summary>
    private static readonly Dictionary<string, string> FactOf = new(StringComparer.Ordinal)
    {
        ["totalLinesAdded"] = AgentFactNames.LinesAdded,
        ["totalLinesDeleted"] = AgentFactNames.LinesRemoved,
        ["acceptedLinesAdded"] = AgentFactNames.LinesAccepted,
        ["totalTabsAccepted"] = AgentFactNames.TabsAccepted,
        ["agentRequests"] = AgentFactNames.AgentRequests,
        ["composerRequests"] = AgentFactNames.ComposerRequests,
        ["chatRequests"] = AgentFactNames.ChatRequests,
        ["apiKeyReqs"] = AgentFactNames.ApiKeyRequests,
    };

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private CursorAdminStandIn _cursor = null!;

    public async Task InitializeAsync() => _cursor = await CursorAdminStandIn.StartAsync(AdminKey);

    public async Task DisposeAsync() => await _cursor.DisposeAsync();

    private Task<RunningApp> StartAppAsync(string? key = AdminKey, bool enabled = true) => RunningApp.StartAsync(
        azurite,
        configure: null,
        [
            "--KeyMeter:Cursor:BaseUrl=" + _cursor.BaseAddress,
            "--KeyMeter:Cursor:Enabled=" + (enabled ? "true" : "false"),
            .. key is null ? Array.Empty<string>() : ["--KeyMeter:Secrets:CursorAdminApiKey=" + key],
        ]);

    private static HttpRequestMessage Fire() =>
        RunningApp.Request(HttpMethod.Post, "/cursor-daily-usage", HostFixtures.ReadText("timer.json"));

    private static Task<IReadOnlyList<AgentFact>> FactsAsync(RunningApp app) =>
        app.App.Services.GetRequiredService<IAgentFactStore>().LoadAsync(Today.AddDays(-40), Today, CancellationToken.None);

    /// <summary>Three days of a developer in every documented variant, one day long ago, and a row without an email.</summary>
    private void SeedDays()
    {
        _cursor.DailyUsage.AddRange(
        [
            StandInDailyUsage.Full(Today, 11, "dev@corp.com", 100),
            StandInDailyUsage.Full(Today.AddDays(-1), 11, "dev@corp.com", 200),
            StandInDailyUsage.Full(Today.AddDays(-2), 12, "Ops@Corp.com", 300) with { AsStrings = true },
            new StandInDailyUsage(Today.AddDays(-1), 13, "sparse@corp.com", new Dictionary<string, long> { ["totalLinesAdded"] = 0, ["apiKeyReqs"] = 12, ["cmdkUsages"] = 4 }),
            StandInDailyUsage.Full(Today.AddDays(-1), 14, null, 400),
            StandInDailyUsage.Full(Today.AddDays(-5), 11, "dev@corp.com", 500),
        ]);
    }

    /// <summary>What the stand-in's rows of the last three days must become, by the fact's identity.</summary>
    private List<AgentFact> Expected() =>
    [
        .. _cursor.DailyUsage
            .Where(row => row.Email is not null && row.Day >= Today.AddDays(-2))
            .SelectMany(row => row.Counts
                .Where(count => FactOf.ContainsKey(count.Key))
                .Select(count => new AgentFact(row.Day, row.Email!.ToLowerInvariant(), "cursor", FactOf[count.Key], "cursor-daily", count.Value, AgentFactKind.Amount)))
            .OrderBy(fact => fact.Developer, StringComparer.Ordinal).ThenBy(fact => fact.Day).ThenBy(fact => fact.Name, StringComparer.Ordinal),
    ];

    private static List<AgentFact> Ordered(IEnumerable<AgentFact> facts) =>
        [.. facts.OrderBy(fact => fact.Developer, StringComparer.Ordinal).ThenBy(fact => fact.Day).ThenBy(fact => fact.Name, StringComparer.Ordinal)];

    [Fact]
    public async Task CursorDailyUsage_Fired_FactsInAzuriteAreTheLastThreeDaysOfEveryUserWithAnEmail()
    {
        SeedDays();
        _cursor.RateLimitDailyUsageNext(1);
        await using var app = await StartAppAsync();

        using var response = await app.Client.SendAsync(Fire());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = Expected();
        Assert.Equal(26, expected.Count);
        Assert.Equal(expected, Ordered(await FactsAsync(app)));
        Assert.Contains("26 fact(s) stored", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // One 429 waited out, then the same request again: epoch-ms numbers from the start of the first day, no paging.
        Assert.Equal(1, _cursor.RateLimitedResponses);
        var requests = _cursor.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request =>
        {
            Assert.Equal("/teams/daily-usage-data", request.Path);
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AdminKey + ":")), request.Authorization);
        });
        using var body = JsonDocument.Parse(requests[1].Body!);
        var start = new DateTimeOffset(Today.AddDays(-2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(start, body.RootElement.GetProperty("startDate").GetInt64());
        Assert.InRange(body.RootElement.GetProperty("endDate").GetInt64(), start + TimeSpan.FromDays(2).TotalMilliseconds, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.False(body.RootElement.TryGetProperty("page", out _));

        // The row without an email: one warning that counts it, and no email in any log line.
        var warning = Assert.Single(app.Logs.Lines, line => line.EventId == 7102);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("1 row(s)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("corp.com", app.Logs.All, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CursorDailyUsage_DayCorrectedBeforeTheNextRun_FactsReplacedNotAdded()
    {
        SeedDays();
        await using var app = await StartAppAsync();
        using (var first = await app.Client.SendAsync(Fire()))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var index = _cursor.DailyUsage.FindIndex(row => row.Email == "dev@corp.com" && row.Day == Today.AddDays(-1));
        _cursor.DailyUsage[index] = _cursor.DailyUsage[index] with
        {
            Counts = new Dictionary<string, long>(_cursor.DailyUsage[index].Counts) { ["totalLinesAdded"] = 9000, ["apiKeyReqs"] = 77 },
        };
        using (var second = await app.Client.SendAsync(Fire()))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var facts = await FactsAsync(app);
        Assert.Equal(Expected(), Ordered(facts));
        Assert.Equal(9000m, Assert.Single(facts, fact => fact.Developer == "dev@corp.com" && fact.Day == Today.AddDays(-1) && fact.Name == AgentFactNames.LinesAdded).Value);
        Assert.Equal(77m, Assert.Single(facts, fact => fact.Developer == "dev@corp.com" && fact.Day == Today.AddDays(-1) && fact.Name == AgentFactNames.ApiKeyRequests).Value);
    }

    [Fact]
    public async Task CursorDailyUsage_IngestionOff_NoCallNothingStoredOneLine()
    {
        SeedDays();
        await using var app = await StartAppAsync(enabled: false);

        using var response = await app.Client.SendAsync(Fire());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_cursor.Requests);
        Assert.Empty(await FactsAsync(app));
        var line = Assert.Single(app.Logs.Lines, line => line.Message.Contains("cursor-daily-usage", StringComparison.Ordinal));
        Assert.Equal(7151, line.EventId);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task CursorDailyUsage_NoAdminKey_OneClearErrorNothingStored()
    {
        SeedDays();
        await using var app = await StartAppAsync(key: null);

        using var response = await app.Client.SendAsync(Fire());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single(app.Logs.Lines, line => line.Level >= LogLevel.Error);
        Assert.Equal(7150, error.EventId);
        Assert.Contains("cursor-daily-usage", error.Message, StringComparison.Ordinal);
        Assert.Contains("CursorAdminApiKey", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cursor.Requests);
        Assert.Empty(await FactsAsync(app));
    }
}
