using System.Net;
using System.Text.Json;
using Azure.Core;
using KeyMeter.Core.Aggregation;
using KeyMeter.Functions.Tests.CustomHandler;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Functions.Tests.Notifications;
using KeyMeter.Functions.Tests.Reports;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Digests;

/// <summary>
/// The digest preview (<c>GET /reports/digest</c>) and the <c>digest-daily</c> / <c>digest-weekly</c> timers in local
/// mode, email through ACS at a loopback receiver: the preview is exactly what the timer sends.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class DigestApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AliceKey = "key_00000000000000000a11";

    // Today 2026-03-10 (a Tuesday): the daily digest is 2026-03-09, the weekly one 2026-03-02 to 2026-03-08. A fixed
    // clock also keeps the local scheduler from firing the timers by themselves.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeAggregateReader _reader = new();
    private LoopbackReceiver _acs = null!;
    private RunningApp _app = null!;

    public async Task InitializeAsync()
    {
        _acs = (await LoopbackReceiver.StartAsync()).Otherwise(202, "{}");
        _app = await RunningApp.StartAsync(
            azurite,
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(_clock);
                builder.Services.AddSingleton<IAggregateReader>(_reader);
                builder.Services.AddSingleton<TokenCredential>(new FakeTokenCredential());
            },
            "--KeyMeter:Notifications:Email:AcsEndpoint=" + _acs.BaseAddress.AbsoluteUri,
            "--KeyMeter:Notifications:Email:Sender=DoNotReply@contoso.azurecomm.net",
            "--KeyMeter:Notifications:Email:Recipients=lead@example.com",
            "--KeyMeter:Notifications:DashboardUrl=https://keymeter.example.com/dashboard",
            "--KeyMeter:Notifications:MaxAttempts=1");
        _reader.Add("2026-03-09", AliceKey, "alice@example.com", "gpt-5", 1.5m)
            .Add("2026-03-08", AliceKey, "alice@example.com", "claude-sonnet-4-5", 2.25m)
            .Add("2026-03-02", AliceKey, "alice@example.com", "gpt-5", 0.25m);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _acs.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body, string ContentType)> GetAsync(string path, bool withKey = true)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, path, withKey: withKey));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }

    private async Task<(HttpStatusCode Status, string Body)> FireAsync(string function)
    {
        using var response = await _app.Client.SendAsync(RunningApp.Request(HttpMethod.Post, "/" + function, HostFixtures.ReadText("timer.json")));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Preview_DefaultsToYesterdayAsHtml()
    {
        var (status, body, contentType) = await GetAsync("/reports/digest");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", contentType);
        Assert.Contains("KeyMeter daily digest 2026-03-09: $1.50", body, StringComparison.Ordinal);
        Assert.Contains("https://keymeter.example.com/dashboard", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_WeeklyTextForAnyDayOfTheWeek()
    {
        var (status, body, contentType) = await GetAsync("/reports/digest?period=weekly&format=text&date=2026-03-04");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", contentType);
        Assert.StartsWith("KeyMeter weekly digest 2026-03-02 to 2026-03-08: $2.50", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?period=monthly", "period")]
    [InlineData("?format=pdf", "format")]
    [InlineData("?date=09-03-2026", "date")]
    [InlineData("?period=hourly&format=xml&date=yesterday", "period,format,date")]
    public async Task Preview_BadParameter_400NamingEachOne(string query, string names)
    {
        var (status, body, contentType) = await GetAsync("/reports/digest" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Equal(names.Split(','), errors.EnumerateObject().Select(error => error.Name));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("3000-01-01")]
    [InlineData("9999-12-31")]
    public async Task Preview_DateOutsideFourDigitYears_400NamingTheRange(string date)
    {
        foreach (var period in new[] { "daily", "weekly" })
        {
            var (status, body, contentType) = await GetAsync($"/reports/digest?period={period}&date={date}");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("application/problem+json", contentType);
            Assert.Contains("between 2000-01-01 and 2999-12-31", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2000-01-01")]
    [InlineData("2999-12-31")]
    public async Task Preview_DateAtTheEdgesOfTheRange_200(string date)
    {
        foreach (var period in new[] { "daily", "weekly" })
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/reports/digest?period={period}&date={date}")).Status);
        }
    }

    [Fact]
    public async Task Preview_WithoutFunctionKey_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/reports/digest", withKey: false)).Status);
    }

    [Fact]
    public async Task DigestDaily_Timer_EmailsExactlyThePreview()
    {
        var (status, body) = await FireAsync("digest-daily");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("digest|daily|2026-03-09", body, StringComparison.Ordinal);
        var request = Assert.Single(await _acs.WaitForAsync(1));
        Assert.Equal("/emails:send?api-version=2025-09-01", request.PathAndQuery);
        Assert.Equal("Bearer token-1", request.Headers["Authorization"]);
        var content = JsonDocument.Parse(request.Body).RootElement.GetProperty("content");
        Assert.Equal((await GetAsync("/reports/digest?format=text")).Body, content.GetProperty("plainText").GetString());
        Assert.Equal((await GetAsync("/reports/digest?format=html")).Body, content.GetProperty("html").GetString());
        Assert.Equal("KeyMeter daily digest 2026-03-09: $1.50", content.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task DigestDaily_FiredTwice_SentOnce()
    {
        await FireAsync("digest-daily");

        var (status, body) = await FireAsync("digest-daily");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("nothing due", body, StringComparison.Ordinal);
        Assert.Single(await _acs.WaitForAsync(1));
    }

    [Fact]
    public async Task DigestDaily_EmailDown_NotLostAndSentByTheNextRun()
    {
        _acs.Answer((503, "{}"), (202, "{}"));

        var (failedStatus, failedBody) = await FireAsync("digest-daily");
        var (status, body) = await FireAsync("digest-daily");

        Assert.Equal(HttpStatusCode.OK, failedStatus);
        Assert.Contains("could not be sent and goes out on the next run", failedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("digest|daily|2026-03-09", body, StringComparison.Ordinal);
        Assert.Equal(2, (await _acs.WaitForAsync(2)).Count);
    }

    [Fact]
    public async Task DigestWeekly_Timer_SendsLastMondayToSunday()
    {
        var (status, body) = await FireAsync("digest-weekly");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("digest|weekly|2026-03-02", body, StringComparison.Ordinal);
        var content = JsonDocument.Parse(Assert.Single(await _acs.WaitForAsync(1)).Body).RootElement.GetProperty("content");
        Assert.Equal("KeyMeter weekly digest 2026-03-02 to 2026-03-08: $2.50", content.GetProperty("subject").GetString());
    }
}
