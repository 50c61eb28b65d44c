using System.Globalization;
using System.Net;
using System.Text.Json;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Reports;

/// <summary>
/// <c>GET /reports/reconciliation</c> end to end: records counted into the aggregates table in Azurite by the real
/// aggregator, keys made through <c>/manage/keys</c>, the report read back over HTTP.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ReconciliationApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] CountNames = ["cursorByokRequests", "cursorByokTokens", "proxyRequests", "proxyTokens", "cursorBilledRequests", "cursorApiKeyRequests"];

    private RunningApp _app = null!;
    private int _sequence;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body, string ContentType)> SendAsync(HttpMethod method, string path, string? json = null, bool withKey = true)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(method, path, json, withKey));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }

    private IEnumerable<UsageRecord> Records(int count, string day, string owner, string source, string provider)
    {
        var at = DateTimeOffset.ParseExact(day + "T10:00:00Z", "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        for (var i = 0; i < count; i++)
        {
            var record = AggregationFixtures.Record("rc-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture), startedAt: at, owner: owner);
            yield return source == UsageSources.Proxy
                ? record
                : record with { Source = source, Provider = provider, KeyId = string.Empty, CostUsd = 0m };
        }
    }

    private async Task CountAsync(IEnumerable<UsageRecord> records)
    {
        var aggregator = _app.App.Services.GetRequiredService<UsageAggregator>();
        var list = records.ToList();
        var result = await aggregator.AggregateAsync(list, CancellationToken.None);
        Assert.Equal(list.Count, result.Counted);
    }

    private async Task CreateKeyAsync(string name, string owner)
    {
        var (status, _, _) = await SendAsync(HttpMethod.Post, "/manage/keys", $$"""{"name":"{{name}}","ownerEmail":"{{owner}}"}""");
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Get_CursorAgainstProxy_StatusesListsAndTotals()
    {
        await CreateKeyAsync("alice-laptop", "Alice@Example.com");
        await CreateKeyAsync("bob-laptop", "bob@example.com");
        await CountAsync([
            .. Records(10, "2026-03-02", "alice@example.com", UsageSources.Cursor, "byok"),
            .. Records(10, "2026-03-02", "Alice@Example.com", UsageSources.Proxy, "anthropic"),
            .. Records(4, "2026-03-03", "bob@example.com", UsageSources.Cursor, "byok"),
            .. Records(3, "2026-03-03", "carol@example.com", UsageSources.Cursor, "cursor"),
            .. Records(2, "2026-03-03", string.Empty, UsageSources.Cursor, "cursor"),
            .. Records(5, "2026-04-01", "bob@example.com", UsageSources.Cursor, "byok"),
        ]);

        // Cursor's daily usage counts 7 BYOK requests for bob on 03-03, where its events show 4: the daily count decides.
        await _app.App.Services.GetRequiredService<IAgentFactStore>().PutAsync(
            [new AgentFact(new DateOnly(2026, 3, 3), "bob@example.com", "cursor", AgentFactNames.ApiKeyRequests, "cursor-daily", 7m, AgentFactKind.Amount)],
            CancellationToken.None);

        var (status, body, contentType) = await SendAsync(HttpMethod.Get, "/reports/reconciliation?from=2026-03-01&to=2026-03-31");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal(["from", "to", "total", "unmeteredRequests", "bypassing", "withoutKey", "developers"], body.EnumerateObject().Select(property => property.Name));
        Assert.Equal("2026-03-01", body.GetProperty("from").GetString());
        Assert.Equal(CountNames, body.GetProperty("total").EnumerateObject().Select(property => property.Name));
        Assert.Equal(14, body.GetProperty("total").GetProperty("cursorByokRequests").GetInt64());
        Assert.Equal(10, body.GetProperty("total").GetProperty("proxyRequests").GetInt64());
        Assert.Equal(5, body.GetProperty("total").GetProperty("cursorBilledRequests").GetInt64());
        Assert.Equal(7, body.GetProperty("total").GetProperty("cursorApiKeyRequests").GetInt64());
        Assert.Equal(7, body.GetProperty("unmeteredRequests").GetInt64());

        var bypassing = Assert.Single(body.GetProperty("bypassing").EnumerateArray());
        Assert.Equal(
            ["developer", "hasKey", "unmeteredRequests", "bypassingDays", "partialDays", "total"],
            bypassing.EnumerateObject().Select(property => property.Name));
        Assert.Equal(("bob@example.com", true, 7L, 1), (bypassing.GetProperty("developer").GetString(), bypassing.GetProperty("hasKey").GetBoolean(), bypassing.GetProperty("unmeteredRequests").GetInt64(), bypassing.GetProperty("bypassingDays").GetInt32()));
        var withoutKey = Assert.Single(body.GetProperty("withoutKey").EnumerateArray());
        Assert.Equal("carol@example.com", withoutKey.GetProperty("developer").GetString());
        Assert.False(withoutKey.GetProperty("hasKey").GetBoolean());

        var developers = body.GetProperty("developers").EnumerateArray().ToList();
        Assert.Equal(
            [RecordDimensions.UnknownDeveloper, "alice@example.com", "bob@example.com", "carol@example.com"],
            developers.Select(developer => developer.GetProperty("developer").GetString()));
        var aliceDay = Assert.Single(developers[1].GetProperty("days").EnumerateArray());
        Assert.Equal(["date", "status", .. CountNames], aliceDay.EnumerateObject().Select(property => property.Name));
        Assert.Equal("2026-03-02", aliceDay.GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Null, aliceDay.GetProperty("cursorApiKeyRequests").ValueKind);
        Assert.Equal("matched", aliceDay.GetProperty("status").GetString());
        Assert.Equal(aliceDay.GetProperty("cursorByokTokens").GetInt64(), aliceDay.GetProperty("proxyTokens").GetInt64());
        Assert.Equal("bypassing", developers[2].GetProperty("days")[0].GetProperty("status").GetString());
        Assert.Equal("cursor-billed-only", developers[3].GetProperty("days")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_NoUsage_EmptyListsForTheLastThirtyDays()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/reports/reconciliation");

        Assert.Equal(HttpStatusCode.OK, status);
        var from = DateOnly.ParseExact(body.GetProperty("from").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(body.GetProperty("to").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(to.AddDays(-29), from);
        Assert.Empty(body.GetProperty("developers").EnumerateArray());
        Assert.Empty(body.GetProperty("bypassing").EnumerateArray());
        Assert.Empty(body.GetProperty("withoutKey").EnumerateArray());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-03-01&to=2026-3-31", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("from=2025-01-01&to=2026-02-05", "from")]
    public async Task Get_BadRange_400ProblemNamesParameter(string query, string parameter)
    {
        var (status, body, contentType) = await SendAsync(HttpMethod.Get, "/reports/reconciliation?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal([parameter], body.GetProperty("errors").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task Get_WithoutFunctionKey_401()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Get, "/reports/reconciliation", withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
