using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Adapters.Cursor;
using KeyMeter.Core.Cursor;

namespace KeyMeter.Adapters.Tests.Cursor;

/// <summary>What the client sends (URL, Basic auth, bodies) and how it reads the documented responses and their quirks.</summary>
public sealed class CursorAdminClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeCursorHandler _handler = new(TimeProvider.System);
    private readonly FakeCursorSecrets _secrets = new(CursorTestClients.Key);

    private CursorAdminClient Create(Action<CursorOptions>? configure = null) =>
        CursorTestClients.Create(_handler, _secrets, TimeProvider.System, configure);

    [Fact]
    public async Task GetUsageEventsAsync_DocumentedFixture_ReadsEveryQuirk()
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.UsageEvents);

        var page = await Create().GetUsageEventsAsync(CursorTestClients.Start.AddDays(-1), CursorTestClients.Start, 1, 1000, None);

        Assert.Equal(113, page.TotalUsageEventsCount);
        Assert.True(page.HasNextPage);
        Assert.Equal(5, page.Pagination!.NumPages);
        var events = page.UsageEvents!;
        Assert.Equal(3, events.Count);

        var first = events[0];
        Assert.Equal(1750979225854, first.Timestamp);
        Assert.Equal(21.36m, first.ChargedCents);
        Assert.Equal(1.18m, first.CursorTokenFee);
        Assert.Equal(5m, first.RequestsCosts);
        Assert.Equal("8f2e…", first.ConversationId);
        Assert.Equal(6112, first.TokenUsage!.CacheWriteTokens);
        Assert.Equal(11964, first.TokenUsage.CacheReadTokens);
        Assert.Equal(20.18m, first.TokenUsage.TotalCents);
        Assert.Equal(CursorEventKind.UsageBased, CursorEventKind.Of(first));

        var second = events[1];
        Assert.Equal(1750978339901, second.Timestamp);
        Assert.Null(second.TokenUsage);
        Assert.Equal(8m, second.ChargedCents);
        Assert.Equal(1.4m, second.RequestsCosts);
        Assert.False(second.IsChargeable);
        Assert.Equal(CursorEventKind.Included, CursorEventKind.Of(second));

        var third = events[2];
        Assert.Equal(1750977000000, third.Timestamp);
        Assert.Null(third.Kind);
        Assert.Equal("USAGE_EVENT_KIND_USER_API_KEY", third.KindLabel);
        Assert.Equal(CursorEventKind.Byok, CursorEventKind.Of(third));
        Assert.Equal(2000, third.TokenUsage!.InputTokens);
        Assert.Equal(0, third.TokenUsage.CacheWriteTokens);
        Assert.Equal(40.16699999999999m, third.TokenUsage.TotalCents);
        Assert.Equal("bc-42", third.CloudAgentId);
        Assert.True(third.IsHeadless);
    }

    [Fact]
    public async Task GetMembersAsync_NumericAndEncodedIds_BothStrings()
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.Members);

        var members = await Create().GetMembersAsync(None);

        Assert.Equal(2, members.Count);
        Assert.Equal("12345", members[0].Id);
        Assert.Equal("owner", members[0].Role);
        Assert.False(members[0].IsRemoved);
        Assert.Equal("user_PDSPmvukpYgZEDXsoNirw3CFhy", members[1].Id);
        Assert.True(members[1].IsRemoved);
    }

    [Fact]
    public async Task GetMembersAsync_NoTeamMembers_Empty()
    {
        _handler.Respond(HttpStatusCode.OK, """{"somethingElse":true}""");

        var members = await Create().GetMembersAsync(None);

        Assert.Empty(members);
    }

    [Fact]
    public async Task GetSpendAsync_FractionalCents_ExactDecimals()
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.Spend);

        var spend = await Create().GetSpendAsync(1, 100, None);

        Assert.Equal(1762992000000, spend.SubscriptionCycleStart);
        Assert.Equal(1, spend.TotalMembers);
        var row = Assert.Single(spend.TeamMemberSpend!);
        Assert.Equal("user_PDSPmvukpYgZEDXsoNirw3CFhy", row.UserId);
        Assert.Equal(2450.125487m, row.SpendCents);
        Assert.Equal(4450.125487m, row.OverallSpendCents);
        Assert.Null(row.MonthlyLimitDollars);
        Assert.Equal(500m, row.EffectivePerUserLimitDollars);
    }

    [Fact]
    public async Task GetMembersAsync_AnyCall_SendsBasicKeyWithEmptyPassword()
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.Members);

        await Create().GetMembersAsync(None);

        var request = Assert.Single(_handler.Requests);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorTestClients.Key + ":"));
        Assert.Equal(expected, request.Authorization);
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(request.Authorization!["Basic ".Length..]));
        Assert.Equal(CursorTestClients.Key + ":", decoded);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task GetUsageEventsAsync_Window_PostsEpochMillisecondNumbersAndPaging()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 11, 2, 23, 59, 59, 999, TimeSpan.Zero);
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.UsageEvents);

        await Create().GetUsageEventsAsync(start, end, 3, 500, None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://api.cursor.com/teams/filtered-usage-events"), request.Uri);
        Assert.Equal("application/json", request.ContentType);
        using var body = JsonDocument.Parse(request.Body!);
        var root = body.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("startDate").ValueKind);
        Assert.Equal(1793491200000, root.GetProperty("startDate").GetInt64());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("endDate").ValueKind);
        Assert.Equal(1793663999999, root.GetProperty("endDate").GetInt64());
        Assert.Equal(3, root.GetProperty("page").GetInt32());
        Assert.Equal(500, root.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task GetSpendAsync_Page_PostsPageAndPageSize()
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.Spend);

        await Create().GetSpendAsync(2, 50, None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://api.cursor.com/teams/spend"), request.Uri);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal(2, body.RootElement.GetProperty("page").GetInt32());
        Assert.Equal(50, body.RootElement.GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("https://api.cursor.com", "https://api.cursor.com/teams/members")]
    [InlineData("https://api.cursor.com/", "https://api.cursor.com/teams/members")]
    [InlineData("https://gateway.example/cursor", "https://gateway.example/cursor/teams/members")]
    [InlineData("https://gateway.example/cursor/", "https://gateway.example/cursor/teams/members")]
    public async Task GetMembersAsync_BaseUrlWithOrWithoutSlash_AppendsPath(string baseUrl, string expected)
    {
        _handler.Respond(HttpStatusCode.OK, CursorFixtures.Members);

        await Create(options => options.BaseUrl = new Uri(baseUrl)).GetMembersAsync(None);

        Assert.Equal(new Uri(expected), Assert.Single(_handler.Requests).Uri);
    }

    [Fact]
    public void CursorJsonContext_UsageEventsFixture_DeserializesWithoutTheClient()
    {
        var page = JsonSerializer.Deserialize(CursorFixtures.UsageEvents, CursorJsonContext.Default.CursorUsageEventsPage);

        Assert.Equal(3, page!.UsageEvents!.Count);
    }
}
