using System.Net;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Reports;

/// <summary><c>GET /reports/daily</c>: spend per day stacked by a grouping, as the dashboard draws it.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class DailySeriesApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AliceKey = "key_00000000000000000a11";
    private const string BobKey = "key_00000000000000000b0b";
    private const string CarolKey = "key_000000000000000ca701";

    private readonly FakeAggregateReader _reader = new();
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(azurite, builder => builder.Services.AddSingleton<IAggregateReader>(_reader));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, path));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static decimal[] Decimals(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetDecimal())];

    [Fact]
    public async Task Daily_ByDeveloperTopTwo_SeriesThenOtherAddUpToEachDay()
    {
        _reader.Add("2026-03-01", AliceKey, "alice@example.com", "gpt-5", 5m, cursorFee: 0.5m)
            .Add("2026-03-03", AliceKey, "alice@example.com", "gpt-5", 1m)
            .Add("2026-03-02", BobKey, "bob@example.com", "gpt-5", 3m)
            .Add("2026-03-03", CarolKey, "carol@example.com", "gpt-5", 0.25m)
            .Add("2026-03-04", CarolKey, "carol@example.com", "gpt-5", 99m);

        var (status, body) = await GetAsync("/reports/daily?from=2026-03-01&to=2026-03-03&groupBy=developer&top=2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["from", "to", "groupBy", "currency", "days", "totalUsd", "series"], body.EnumerateObject().Select(property => property.Name));
        Assert.Equal(["2026-03-01", "2026-03-02", "2026-03-03"], body.GetProperty("days").EnumerateArray().Select(day => day.GetString()));
        Assert.Equal([5.5m, 3m, 1.25m], Decimals(body.GetProperty("totalUsd")));
        var series = body.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["alice@example.com", "bob@example.com", "(other)"], series.Select(item => item.GetProperty("value").GetString()));
        Assert.Equal([5.5m, 0m, 1m], Decimals(series[0].GetProperty("spendUsd")));
        Assert.Equal(6.5m, series[0].GetProperty("totalUsd").GetDecimal());
        Assert.Equal([0m, 0m, 0.25m], Decimals(series[2].GetProperty("spendUsd")));
    }

    [Fact]
    public async Task Daily_ByModelDefaults_EverySeriesAndNoOtherWhenNothingIsLeft()
    {
        _reader.Add("2026-03-01", AliceKey, "alice@example.com", "gpt-5", 2m)
            .Add("2026-03-01", BobKey, "bob@example.com", "claude-sonnet-4-5", 1m);

        var (status, body) = await GetAsync("/reports/daily?from=2026-03-01&to=2026-03-02&groupBy=model");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["gpt-5", "claude-sonnet-4-5"], body.GetProperty("series").EnumerateArray().Select(item => item.GetProperty("value").GetString()));
    }

    [Theory]
    [InlineData("?from=2026-03-01&to=2026-03-02&top=0", "top")]
    [InlineData("?from=2026-03-01&to=2026-03-02&top=21", "top")]
    [InlineData("?from=2026-03-01&to=2026-03-02&top=five", "top")]
    [InlineData("?from=2026-03-01&to=2026-03-02&groupBy=colour", "groupBy")]
    [InlineData("?from=2026-03-05&to=2026-03-01", "to")]
    public async Task Daily_BadParameter_400NamingIt(string query, string parameter)
    {
        var (status, body) = await GetAsync("/reports/daily" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(parameter, body.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }
}
