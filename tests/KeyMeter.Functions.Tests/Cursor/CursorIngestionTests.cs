using System.Net;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Cursor;
using KeyMeter.Functions.Tests.Aggregation;
using KeyMeter.Functions.Tests.CustomHandler;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Cursor;

/// <summary>
/// <c>cursor-poll</c> and <c>cursor-members</c> in local mode against <see cref="CursorAdminStandIn"/>: the real client,
/// ledger, queue, aggregator and reports, with Azurite.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class CursorIngestionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AdminKey = "test-cursor-admin-key-0123";
    private CursorAdminStandIn _cursor = null!;

    public async Task InitializeAsync() => _cursor = await CursorAdminStandIn.StartAsync(AdminKey);

    public async Task DisposeAsync() => await _cursor.DisposeAsync();

    private Task<RunningApp> StartAppAsync(string? key = AdminKey) => RunningApp.StartAsync(
        azurite,
        configure: null,
        [
            "--KeyMeter:Cursor:BaseUrl=" + _cursor.BaseAddress,
            "--KeyMeter:Cursor:BackfillDays=3",
            "--KeyMeter:Cursor:PageSize=4",
            "--KeyMeter:Cursor:RetryDelay=00:00:00.050",
            .. key is null ? Array.Empty<string>() : ["--KeyMeter:Secrets:CursorAdminApiKey=" + key],
        ]);

    private static HttpRequestMessage Fire(string function) =>
        RunningApp.Request(HttpMethod.Post, "/" + function, HostFixtures.ReadText("timer.json"));

    /// <summary>Events of the last 40 hours in every documented variant.</summary>
    private void SeedEvents()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 18; i++)
        {
            var at = now.AddHours(-40).AddMinutes(i * 127).AddMilliseconds(i);
            _cursor.Events.Add((i % 6) switch
            {
                0 => new StandInEvent(at, "dev@corp.com", "claude-4.5-sonnet", "Usage-based", "kind", 21.36m + i, 1.18m, (126, 450, 6112, 11964)),
                1 => new StandInEvent(at, "dev@corp.com", "claude-4-sonnet-thinking", "Included in Business", "kind", 8m, null, null),
                2 => new StandInEvent(at, "Ops@Corp.com", "gpt-5", "USAGE_EVENT_KIND_USER_API_KEY", "kind", 0.4125m, 0.4125m, (1000, 500, 0, 150)),
                3 => new StandInEvent(at, "ops@corp.com", "claude-opus-4-8-thinking-high", "Usage-based", "kindLabel", 40.16699999999999m, 2.5m, (10, 20, 0, 30), OmitCacheWrite: true),
                4 => new StandInEvent(at, "new@corp.com", "default", "USAGE_EVENT_KIND_USAGE_BASED", "kind", 2450.125487m, null, (5, 6, 7, 8), ConversationId: "8f2e" + i),
                _ => new StandInEvent(at, "dev@corp.com", "gpt-5", "User API Key", "kindLabel", 0.05m, 0.05m, (100, 100, 0, 0)),
            });
        }
    }

    /// <summary>The organisation's totals over the months the events fall in (they may straddle a month's end).</summary>
    private async Task<AggregateCounters> TotalAsync(RunningApp app)
    {
        var total = AggregateCounters.Zero;
        foreach (var partition in _cursor.Events.Select(e => AggregateKeys.Partition(e.At)).Distinct())
        {
            total = total.Add(await AggregatesProbe.MonthTotalAsync(app, partition));
        }

        return total;
    }

    private async Task<AggregateCounters> WaitForChargedAsync(RunningApp app, decimal chargedUsd)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var total = await TotalAsync(app);
            if (total.CostUsd + total.CursorFeeUsd == chargedUsd || DateTime.UtcNow > deadline)
            {
                // A moment more, so a record counted twice would show.
                await Task.Delay(300);
                return await TotalAsync(app);
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task CursorPoll_TwoOverlappingPollsWithUpstreamCorrection_AggregatesEqualChargedCentsToTheCent()
    {
        SeedEvents();
        _cursor.RateLimitNext(2);
        await using var app = await StartAppAsync();

        using (var first = await app.Client.SendAsync(Fire("cursor-poll")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var afterFirst = await WaitForChargedAsync(app, _cursor.ChargedCentsTotal / 100m);
        Assert.Equal(_cursor.ChargedCentsTotal / 100m, afterFirst.CostUsd + afterFirst.CursorFeeUsd);
        Assert.Equal(_cursor.Events.Count, afterFirst.Requests);
        Assert.Equal(2, _cursor.RateLimitedResponses);

        // Cursor corrects one event's cost after the fact; the next hourly poll re-reads the last 48 hours.
        var index = _cursor.Events.FindIndex(e => e.Kind == "Usage-based" && e.KindField == "kind");
        _cursor.Events[index] = _cursor.Events[index] with { ChargedCents = 99.995m, CursorTokenFee = 1.25m };
        using (var second = await app.Client.SendAsync(Fire("cursor-poll")))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var afterSecond = await WaitForChargedAsync(app, _cursor.ChargedCentsTotal / 100m);
        Assert.Equal(_cursor.ChargedCentsTotal / 100m, afterSecond.CostUsd + afterSecond.CursorFeeUsd);
        Assert.Equal(_cursor.Events.Count, afterSecond.Requests);
        Assert.Equal(
            _cursor.Events.Where(e => e.IsByok).Sum(e => e.CursorTokenFee ?? 0m) / 100m,
            await ByokFeeAsync(app));
        var basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(AdminKey + ":"));
        Assert.All(_cursor.Requests, request => Assert.Equal(basic, request.Authorization));
    }

    [Fact]
    public async Task CursorPoll_SummaryBySource_ShowsCursorSpend()
    {
        SeedEvents();
        await using var app = await StartAppAsync();

        using var poll = await app.Client.SendAsync(Fire("cursor-poll"));
        await WaitForChargedAsync(app, _cursor.ChargedCentsTotal / 100m);
        var from = _cursor.Events.Min(e => e.At).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = _cursor.Events.Max(e => e.At).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, $"/reports/summary?from={from}&to={to}&groupBy=source"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var cursor = json.RootElement.GetProperty("groups").EnumerateArray().Single(group => group.GetProperty("value").GetString() == "cursor");
        Assert.Equal(_cursor.ChargedCentsTotal / 100m, cursor.GetProperty("costUsd").GetDecimal() + cursor.GetProperty("cursorFeeUsd").GetDecimal());
    }

    [Fact]
    public async Task CursorPoll_NoAdminKey_OneClearErrorNothingWrittenOtherFunctionsWork()
    {
        SeedEvents();
        await using var app = await StartAppAsync(key: null);

        using var poll = await app.Client.SendAsync(Fire("cursor-poll"));
        using var keys = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/manage/keys"));

        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        var error = Assert.Single(app.Logs.Lines, line => line.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(7150, error.EventId);
        Assert.Contains("CursorAdminApiKey", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cursor.Requests);
        Assert.Null(await app.App.Services.GetRequiredService<ICursorStateStore>().GetWatermarkAsync(CursorUsagePoller.WatermarkName, CancellationToken.None));
    }

    [Fact]
    public async Task CursorPoll_RejectedAdminKey_OneClearErrorAndNoPartialWrites()
    {
        SeedEvents();
        await using var app = await StartAppAsync(key: "test-wrong-admin-key-9999");

        using var poll = await app.Client.SendAsync(Fire("cursor-poll"));

        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        var error = Assert.Single(app.Logs.Lines, line => line.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(7150, error.EventId);
        Assert.Contains("Invalid API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-wrong-admin-key", app.Logs.All, StringComparison.Ordinal);
        Assert.Single(_cursor.Requests);
        Assert.Null(await app.App.Services.GetRequiredService<ICursorStateStore>().GetWatermarkAsync(CursorUsagePoller.WatermarkName, CancellationToken.None));
        Assert.Empty(await app.App.Services.GetRequiredService<ICursorLedger>().LoadDayAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None));
    }

    [Fact]
    public async Task CursorMembers_Roster_OneSeatDayPerActivePaidMemberInTheAggregates()
    {
        _cursor.Members.AddRange(
        [
            ("user_PDSPmvukpYgZEDXsoNirw3CFhy", false, "dev@corp.com", "member", false),
            ("12345", true, "ops@corp.com", "owner", false),
            ("user_free", false, "admin@corp.com", "free-owner", false),
            ("user_gone", false, "gone@corp.com", "member", true),
        ]);
        await using var app = await StartAppAsync();

        using var run = await app.Client.SendAsync(Fire("cursor-members"));
        using var again = await app.Client.SendAsync(Fire("cursor-members"));

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var today = DateTime.UtcNow;
        var seatDay = 40m / DateTime.DaysInMonth(today.Year, today.Month);
        var partition = AggregateKeys.Partition(DateOnly.FromDateTime(today));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var total = AggregateCounters.Zero;
        while (DateTime.UtcNow < deadline && total.CostUsd != 2 * seatDay)
        {
            await Task.Delay(50);
            total = await AggregatesProbe.MonthTotalAsync(app, partition);
        }

        await Task.Delay(300);
        total = await AggregatesProbe.MonthTotalAsync(app, partition);
        Assert.Equal(2 * seatDay, total.CostUsd);
        Assert.Equal(0, total.Requests);
    }

    private async Task<decimal> ByokFeeAsync(RunningApp app)
    {
        var reader = app.App.Services.GetRequiredService<IAggregateReader>();
        var fee = 0m;
        foreach (var partition in _cursor.Events.Select(e => AggregateKeys.Partition(e.At)).Distinct())
        {
            await foreach (var row in reader.ReadMonthlyAsync(partition, AggregateDimension.Provider, CancellationToken.None))
            {
                fee += row.Entries.TryGetValue(CursorRecords.ByokProvider, out var byok) ? byok.CursorFeeUsd : 0m;
            }
        }

        return fee;
    }
}
