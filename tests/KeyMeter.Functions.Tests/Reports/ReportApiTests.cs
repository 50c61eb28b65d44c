using System.Globalization;
using System.Net;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Reports;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ReportApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AliceKey = "key_00000000000000000a11";
    private const string BobKey = "key_00000000000000000b0b";

    private static readonly string[] CounterNames =
    [
        "requests", "inputTokens", "cachedInputTokens", "cacheWrite5mTokens", "cacheWrite1hTokens", "outputTokens",
        "reasoningTokens", "totalTokens", "costUsd", "cursorFeeUsd", "estimatedRequests", "unpricedRequests",
    ];

    private readonly FakeAggregateReader _reader = new();
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(azurite, builder => builder.Services.AddSingleton<IAggregateReader>(_reader));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body, string ContentType)> GetAsync(string path, bool withKey = true)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, path, withKey: withKey));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }

    [Fact]
    public async Task Summary_ByModel_200WithTotalGroupsAndExactMoney()
    {
        _reader.Add("2026-03-02", AliceKey, "alice@example.com", "gpt-5", 0.000001234567890123m, cursorFee: 0.0000425m)
            .Add("2026-03-03", BobKey, "bob@example.com", "claude-sonnet-4-5", 1.5m)
            .Add("2026-03-03", BobKey, "bob@example.com", "claude-sonnet-4-5", null)
            .Add("2026-04-01", BobKey, "bob@example.com", "gpt-5", 100m);

        var (status, body, contentType) = await GetAsync("/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=model");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal(["from", "to", "groupBy", "currency", "total", "groups"], body.EnumerateObject().Select(property => property.Name));
        Assert.Equal("2026-03-01", body.GetProperty("from").GetString());
        Assert.Equal("2026-03-31", body.GetProperty("to").GetString());
        Assert.Equal("model", body.GetProperty("groupBy").GetString());
        Assert.Equal("USD", body.GetProperty("currency").GetString());
        var total = body.GetProperty("total");
        Assert.Equal(CounterNames, total.EnumerateObject().Select(property => property.Name));
        Assert.Equal("1.500001234567890123", total.GetProperty("costUsd").GetRawText());
        Assert.Equal("0.0000425", total.GetProperty("cursorFeeUsd").GetRawText());
        Assert.Equal(3, total.GetProperty("requests").GetInt64());
        Assert.Equal(1, total.GetProperty("unpricedRequests").GetInt64());
        Assert.Equal(528, total.GetProperty("totalTokens").GetInt64());
        var groups = body.GetProperty("groups");
        Assert.Equal(["value", .. CounterNames], groups[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal(["claude-sonnet-4-5", "gpt-5"], groups.EnumerateArray().Select(group => group.GetProperty("value").GetString()));
        Assert.Equal("1.5", groups[0].GetProperty("costUsd").GetRawText());
        Assert.Equal(2, groups[0].GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Summary_ByTeam_UntaggedRemainderAndOrganisationTotal()
    {
        _reader.Add("2026-03-02", AliceKey, "alice@example.com", "gpt-5", 2m, tags: new Dictionary<string, string> { ["team"] = "platform" })
            .Add("2026-03-02", BobKey, "bob@example.com", "gpt-5", 3m);

        var (status, body, _) = await GetAsync("/reports/summary?from=2026-03-01&to=2026-03-02&groupBy=team");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5m, body.GetProperty("total").GetProperty("costUsd").GetDecimal());
        Assert.Equal(
            [("(untagged)", 3m), ("platform", 2m)],
            body.GetProperty("groups").EnumerateArray().Select(group => (group.GetProperty("value").GetString(), group.GetProperty("costUsd").GetDecimal())));
    }

    [Fact]
    public async Task Summary_NoParameters_LastThirtyDaysByDeveloper()
    {
        var before = DateOnly.FromDateTime(DateTime.UtcNow);

        var (status, body, _) = await GetAsync("/reports/summary");

        var after = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("developer", body.GetProperty("groupBy").GetString());
        var to = DateOnly.ParseExact(body.GetProperty("to").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var from = DateOnly.ParseExact(body.GetProperty("from").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.InRange(to, before, after);
        Assert.Equal(to.AddDays(-29), from);
        Assert.Empty(body.GetProperty("groups").EnumerateArray());
        Assert.Equal(0m, body.GetProperty("total").GetProperty("costUsd").GetDecimal());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=01/03/2026&to=2026-03-31", "from")]
    [InlineData("from=2026-03-01&to=2026-3-31", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("from=2025-01-01&to=2026-02-05", "from")]
    [InlineData("from=2026-03-01&to=2026-03-31&groupBy=week", "groupBy")]
    [InlineData("groupBy=tag.Bad%20Name", "groupBy")]
    public async Task Summary_BadInput_400ProblemNamesParameter(string query, string parameter)
    {
        var (status, body, contentType) = await GetAsync("/reports/summary?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        var errors = body.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(property => property.Name));
        Assert.False(string.IsNullOrEmpty(errors.GetProperty(parameter)[0].GetString()));
    }

    [Fact]
    public async Task Summary_SeveralBadParameters_400NamesEach()
    {
        var (status, body, _) = await GetAsync("/reports/summary?from=yesterday&groupBy=week");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["from", "groupBy"], body.GetProperty("errors").EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/reports/summary")]
    [InlineData("/reports/keys/key_00000000000000000a11/daily")]
    [InlineData("/reports/export.csv")]
    [InlineData("/reports/export.focus.csv")]
    [InlineData("/reports/budgets")]
    public async Task Reports_WithoutFunctionKey_401(string path)
    {
        var (status, body, contentType) = await GetAsync(path, withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task KeyDaily_KeyWithUsage_EveryDayWithZerosAndTotal()
    {
        _reader.Add("2026-02-28", AliceKey, "alice@example.com", "gpt-5", 1.25m)
            .Add("2026-03-02", AliceKey, "alice@example.com", "gpt-5", 2m)
            .Add("2026-03-02", BobKey, "bob@example.com", "gpt-5", 50m);

        var (status, body, _) = await GetAsync($"/reports/keys/{AliceKey}/daily?from=2026-02-27&to=2026-03-02");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["keyId", "from", "to", "currency", "total", "days"], body.EnumerateObject().Select(property => property.Name));
        Assert.Equal(AliceKey, body.GetProperty("keyId").GetString());
        Assert.Equal(3.25m, body.GetProperty("total").GetProperty("costUsd").GetDecimal());
        var days = body.GetProperty("days");
        Assert.Equal(["date", .. CounterNames], days[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal(
            [("2026-02-27", 0m), ("2026-02-28", 1.25m), ("2026-03-01", 0m), ("2026-03-02", 2m)],
            days.EnumerateArray().Select(day => (day.GetProperty("date").GetString(), day.GetProperty("costUsd").GetDecimal())));
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("key_00000000000000000A11")]
    [InlineData("km_secretlookingvalue")]
    public async Task KeyDaily_MalformedId_400WithoutEchoingIt(string id)
    {
        var (status, body, contentType) = await GetAsync($"/reports/keys/{id}/daily");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(body.GetProperty("errors").TryGetProperty("id", out _));
        Assert.DoesNotContain(id, body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyDaily_BadRange_400()
    {
        var (status, body, _) = await GetAsync($"/reports/keys/{AliceKey}/daily?from=2026-03-02&to=2026-03-01");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task KeyDaily_UnknownKeyWithoutUsage_404Problem()
    {
        _reader.Add("2026-03-02", BobKey, "bob@example.com", "gpt-5", 1m);

        var (status, body, contentType) = await GetAsync($"/reports/keys/{AliceKey}/daily?from=2026-03-01&to=2026-03-31");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal("Key not found", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task KeyDaily_KnownKeyWithoutUsage_200WithZeros()
    {
        using var created = await _app.Client.SendAsync(RunningApp.Request(
            HttpMethod.Post, "/manage/keys", """{"name":"carol-laptop","ownerEmail":"carol@example.com"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetProperty("id").GetString();

        var (status, body, _) = await GetAsync($"/reports/keys/{id}/daily?from=2026-03-01&to=2026-03-03");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("days").GetArrayLength());
        Assert.Equal(0, body.GetProperty("total").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Budgets_KeyWithBudgets_200WithSpendOfDayAndMonth()
    {
        using var created = await _app.Client.SendAsync(RunningApp.Request(
            HttpMethod.Post, "/manage/keys", """{"name":"dana-laptop","ownerEmail":"dana@example.com","budgets":{"daily":4,"monthly":40}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetProperty("id").GetString()!;
        _reader.Add("2026-03-04", id, "dana@example.com", "gpt-5", 10m)
            .Add("2026-03-05", id, "dana@example.com", "gpt-5", 3m)
            .Add("2026-03-05", id, "dana@example.com", "gpt-5", 0.0001m);

        var (status, body, contentType) = await GetAsync("/reports/budgets?day=2026-03-05");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal(["day", "currency", "keys"], body.EnumerateObject().Select(property => property.Name));
        Assert.Equal("2026-03-05", body.GetProperty("day").GetString());
        var key = Assert.Single(body.GetProperty("keys").EnumerateArray());
        Assert.Equal(id, key.GetProperty("keyId").GetString());
        Assert.Equal("dana-laptop", key.GetProperty("name").GetString());
        var daily = key.GetProperty("daily");
        Assert.Equal(["limitUsd", "spentUsd", "remainingUsd", "percentUsed", "counter"], daily.EnumerateObject().Select(property => property.Name));
        Assert.Equal(JsonValueKind.Null, daily.GetProperty("counter").ValueKind);
        Assert.Equal("3.0001", daily.GetProperty("spentUsd").GetRawText());
        Assert.Equal("0.9999", daily.GetProperty("remainingUsd").GetRawText());
        Assert.Equal(75m, daily.GetProperty("percentUsed").GetDecimal());
        Assert.Equal(13.0001m, key.GetProperty("monthly").GetProperty("spentUsd").GetDecimal());
    }

    [Fact]
    public async Task Budgets_BadDay_400NamesDay()
    {
        var (status, body, _) = await GetAsync("/reports/budgets?day=2026-02-30");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["day"], body.GetProperty("errors").EnumerateObject().Select(property => property.Name));
    }
}
