using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Adapters.Cursor;
using KeyMeter.Core.Cursor;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Cursor;

/// <summary><c>POST /teams/daily-usage-data</c>: what the client sends, how it reads the documented rows and their quirks, and its limits.</summary>
public sealed class CursorAdminClientDailyUsageTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset From = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 11, 22, 2, 40, 0, TimeSpan.Zero);

    private readonly FakeCursorHandler _handler = new(TimeProvider.System);
    private readonly FakeCursorSecrets _secrets = new(CursorTestClients.Key);

    private CursorAdminClient Create(Action<CursorOptions>? configure = null) =>
        CursorTestClients.Create(_handler, _secrets, TimeProvider.System, configure);

    [Fact]
    public async Task GetDailyUsageAsync_DocumentedFixture_ReadsEveryMeasureAndQuirk()
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.DailyUsage);

        var rows = await Create().GetDailyUsageAsync(From, To, None);

        Assert.Equal(4, rows.Count);
        var documented = rows[0];
        Assert.Equal("12345", documented.UserId);
        Assert.Equal(1795132800000, documented.Date);
        Assert.Equal("2026-11-20", documented.Day);
        Assert.Equal("developer@company.com", documented.Email);
        Assert.Equal(1543m, documented.TotalLinesAdded);
        Assert.Equal(892m, documented.TotalLinesDeleted);
        Assert.Equal(1102m, documented.AcceptedLinesAdded);
        Assert.Equal(289m, documented.TotalTabsAccepted);
        Assert.Equal(12m, documented.AgentRequests);
        Assert.Equal(45m, documented.ComposerRequests);
        Assert.Equal(128m, documented.ChatRequests);
        Assert.Equal(31m, documented.ApiKeyReqs);

        var strings = rows[1];
        Assert.Equal("user_PDSPmvukpYgZEDXsoNirw3CFhy", strings.UserId);
        Assert.Equal(1795219200000, strings.Date);
        Assert.Equal(40m, strings.TotalLinesAdded);
        Assert.Equal(38m, strings.AcceptedLinesAdded);
        Assert.Equal(0m, strings.TotalTabsAccepted);
        Assert.Equal(17m, strings.ApiKeyReqs);

        // Missing, null and empty are absent, not zero.
        var sparse = rows[2];
        Assert.Equal("quiet@company.com", sparse.Email);
        Assert.Null(sparse.TotalLinesAdded);
        Assert.Null(sparse.AgentRequests);
        Assert.Null(sparse.ApiKeyReqs);
        Assert.Null(sparse.ChatRequests);

        Assert.Null(rows[3].Email);
        Assert.Equal(3m, rows[3].TotalLinesAdded);
    }

    [Fact]
    public async Task GetDailyUsageAsync_Range_PostsEpochMillisecondNumbersAndNoPaging()
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.DailyUsage);

        await Create().GetDailyUsageAsync(From, To, None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://api.cursor.com/teams/daily-usage-data"), request.Uri);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorTestClients.Key + ":")), request.Authorization);
        using var body = JsonDocument.Parse(request.Body!);
        var root = body.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("startDate").ValueKind);
        Assert.Equal(From.ToUnixTimeMilliseconds(), root.GetProperty("startDate").GetInt64());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("endDate").ValueKind);
        Assert.Equal(To.ToUnixTimeMilliseconds(), root.GetProperty("endDate").GetInt64());
        Assert.Equal(["startDate", "endDate"], root.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task GetDailyUsageAsync_NoData_Empty()
    {
        _handler.Respond(HttpStatusCode.OK, """{"period":{"startDate":1,"endDate":2}}""");

        Assert.Empty(await Create().GetDailyUsageAsync(From, To, None));
    }

    [Theory]
    [InlineData(30 * 24 * 60 + 1)]
    [InlineData(-1)]
    public async Task GetDailyUsageAsync_RangeOverThirtyDaysOrBackwards_RefusedWithoutARequest(int minutes)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Create().GetDailyUsageAsync(From, From.AddMinutes(minutes), None));

        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task GetDailyUsageAsync_ExactlyThirtyDays_Sent()
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.DailyUsage);

        await Create().GetDailyUsageAsync(From, From.AddDays(30), None);

        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task GetDailyUsageAsync_CountThatIsNotANumber_InvalidResponse()
    {
        _handler.Respond(HttpStatusCode.OK, """{"data":[{"email":"a@b.c","date":1795132800000,"agentRequests":"many"}]}""");

        var error = await Assert.ThrowsAsync<CursorApiException>(() => Create().GetDailyUsageAsync(From, To, None));

        Assert.Equal(CursorApiFailure.InvalidResponse, error.Failure);
        Assert.Contains("POST /teams/daily-usage-data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDailyUsageAsync_429WithRetryAfter_WaitsThenSucceeds()
    {
        var time = new ManualTimeProvider(CursorTestClients.Start);
        var handler = new FakeCursorHandler(time)
            .Respond(HttpStatusCode.TooManyRequests, """{"code":"error","message":"Rate limit exceeded"}""", retryAfter: "7")
            .Respond(HttpStatusCode.OK, CursorFixtures.DailyUsage);

        var rows = await CursorTestClients.DriveAsync(
            CursorTestClients.Create(handler, _secrets, time).GetDailyUsageAsync(From, To, None), time, TimeSpan.FromSeconds(1));

        Assert.Equal(4, rows.Count);
        var requests = handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange(requests[1].At - requests[0].At, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task GetDailyUsageAsync_AfterMembers_SharesTheAdminLimiter()
    {
        var time = new ManualTimeProvider(CursorTestClients.Start);
        var handler = new FakeCursorHandler(time)
            .Respond(HttpStatusCode.OK, CursorFixtures.Members)
            .Respond(HttpStatusCode.OK, CursorFixtures.DailyUsage);
        var client = CursorTestClients.Create(handler, _secrets, time, options => options.RequestsPerMinute = 1);
        await client.GetMembersAsync(None);

        var daily = client.GetDailyUsageAsync(From, To, None);
        await Task.Delay(50);

        Assert.False(daily.IsCompleted);
        Assert.Single(handler.Requests);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(4, (await daily.WaitAsync(TimeSpan.FromSeconds(5))).Count);
        Assert.Equal(2, handler.Requests.Count);
    }
}
