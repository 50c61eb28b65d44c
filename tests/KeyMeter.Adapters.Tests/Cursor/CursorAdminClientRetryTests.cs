using System.Net;
using KeyMeter.Core.Cursor;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Cursor;

/// <summary>429 with and without <c>Retry-After</c>, 5xx, transport failures and timeouts, and the shared attempt budget.</summary>
public sealed class CursorAdminClientRetryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeCursorSecrets _secrets = new(CursorTestClients.Key);

    [Fact]
    public async Task GetMembersAsync_429WithRetryAfterSeconds_WaitsThenSucceeds()
    {
        var time = new ManualTimeProvider(CursorTestClients.Start);
        var handler = new FakeCursorHandler(time)
            .Respond(HttpStatusCode.TooManyRequests, """{"error":"Too Many Requests","message":"Rate limit exceeded"}""", retryAfter: "7")
            .Respond(HttpStatusCode.OK, CursorFixtures.Members);

        var members = await CursorTestClients.DriveAsync(
            CursorTestClients.Create(handler, _secrets, time).GetMembersAsync(None), time, TimeSpan.FromSeconds(1));

        Assert.Equal(2, members.Count);
        var requests = handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange(requests[1].At - requests[0].At, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task GetMembersAsync_429WithRetryAfterDate_WaitsUntilThatDate()
    {
        var time = new ManualTimeProvider(CursorTestClients.Start);
        var handler = new FakeCursorHandler(time)
            .Respond(HttpStatusCode.TooManyRequests, retryAfter: CursorTestClients.Start.AddSeconds(5).ToString("R"))
            .Respond(HttpStatusCode.OK, CursorFixtures.Members);

        await CursorTestClients.DriveAsync(CursorTestClients.Create(handler, _secrets, time).GetMembersAsync(None), time, TimeSpan.FromSeconds(1));

        var requests = handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange(requests[1].At - CursorTestClients.Start, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task GetMembersAsync_429WithoutRetryAfter_WaitsSixtySeconds()
    {
        var time = new ManualTimeProvider(CursorTestClients.Start);
        var handler = new FakeCursorHandler(time)
            .Respond(HttpStatusCode.TooManyRequests)
            .Respond(HttpStatusCode.OK, CursorFixtures.Members);

        await CursorTestClients.DriveAsync(CursorTestClients.Create(handler, _secrets, time).GetMembersAsync(None), time, TimeSpan.FromSeconds(5));

        var requests = handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task GetSpendAsync_429RetryAfterBeyondMax_RateLimitedWithoutWaiting()
    {
        var handler = new FakeCursorHandler(TimeProvider.System)
            .Respond(HttpStatusCode.TooManyRequests, """{"error":"Too Many Requests","message":"Slow down"}""", retryAfter: "600");

        var error = await Assert.ThrowsAsync<CursorApiException>(() =>
            CursorTestClients.Create(handler, _secrets, TimeProvider.System, options => options.MaxRetryAfter = TimeSpan.FromMinutes(2))
                .GetSpendAsync(1, 100, None));

        Assert.Equal(CursorApiFailure.RateLimited, error.Failure);
        Assert.Equal(429, error.Status);
        Assert.Contains("Slow down", error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /teams/spend", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetSpendAsync_429Forever_RateLimitedAfterMaxAttempts()
    {
        var handler = new FakeCursorHandler(TimeProvider.System)
        {
            Otherwise = _ => Task.FromResult(FakeCursorHandler.Json(HttpStatusCode.TooManyRequests, "{}", retryAfter: "0")),
        };

        var error = await Assert.ThrowsAsync<CursorApiException>(() =>
            CursorTestClients.Create(handler, _secrets, TimeProvider.System, options => options.MaxAttempts = 3).GetSpendAsync(1, 100, None));

        Assert.Equal(CursorApiFailure.RateLimited, error.Failure);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task GetMembersAsync_500Then503Then200_Succeeds()
    {
        var handler = new FakeCursorHandler(TimeProvider.System)
            .Respond(HttpStatusCode.InternalServerError)
            .Respond(HttpStatusCode.ServiceUnavailable)
            .Respond(HttpStatusCode.OK, CursorFixtures.Members);

        var members = await CursorTestClients.Create(handler, _secrets, TimeProvider.System).GetMembersAsync(None);

        Assert.Equal(2, members.Count);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task GetMembersAsync_500Forever_UnavailableAfterExactlyMaxAttempts(int maxAttempts)
    {
        var handler = new FakeCursorHandler(TimeProvider.System)
        {
            Otherwise = _ => Task.FromResult(FakeCursorHandler.Json(HttpStatusCode.InternalServerError, """{"error":"Internal","message":"db down"}""")),
        };

        var error = await Assert.ThrowsAsync<CursorApiException>(() =>
            CursorTestClients.Create(handler, _secrets, TimeProvider.System, options => options.MaxAttempts = maxAttempts).GetMembersAsync(None));

        Assert.Equal(CursorApiFailure.Unavailable, error.Failure);
        Assert.Equal(500, error.Status);
        Assert.Contains("db down", error.Message, StringComparison.Ordinal);
        Assert.Equal(maxAttempts, handler.Requests.Count);
    }

    [Fact]
    public async Task GetMembersAsync_429Then500_ShareOneAttemptBudget()
    {
        var handler = new FakeCursorHandler(TimeProvider.System)
            .Respond(HttpStatusCode.TooManyRequests, retryAfter: "0")
            .Respond(HttpStatusCode.InternalServerError)
            .Respond(HttpStatusCode.OK, CursorFixtures.Members);

        var error = await Assert.ThrowsAsync<CursorApiException>(() =>
            CursorTestClients.Create(handler, _secrets, TimeProvider.System, options => options.MaxAttempts = 2).GetMembersAsync(None));

        Assert.Equal(CursorApiFailure.Unavailable, error.Failure);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetMembersAsync_TransportFailureThen200_Succeeds()
    {
        var handler = new FakeCursorHandler(TimeProvider.System)
            .Throw(new HttpRequestException("Connection refused"))
            .Respond(HttpStatusCode.OK, CursorFixtures.Members);

        var members = await CursorTestClients.Create(handler, _secrets, TimeProvider.System).GetMembersAsync(None);

        Assert.Equal(2, members.Count);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetMembersAsync_TransportFailureForever_UnavailableWithInnerException()
    {
        var handler = new FakeCursorHandler(TimeProvider.System)
        {
            Otherwise = _ => Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused")),
        };

        var error = await Assert.ThrowsAsync<CursorApiException>(() =>
            CursorTestClients.Create(handler, _secrets, TimeProvider.System, options => options.MaxAttempts = 3).GetMembersAsync(None));

        Assert.Equal(CursorApiFailure.Unavailable, error.Failure);
        Assert.Equal(0, error.Status);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task GetMembersAsync_RequestTimesOutThen200_Succeeds()
    {
        var handler = new FakeCursorHandler(TimeProvider.System)
            .Hang()
            .Respond(HttpStatusCode.OK, CursorFixtures.Members);

        var members = await CursorTestClients.Create(handler, _secrets, TimeProvider.System, options => options.RequestTimeout = TimeSpan.FromMilliseconds(50))
            .GetMembersAsync(None);

        Assert.Equal(2, members.Count);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetMembersAsync_TimesOutEveryTime_Unavailable()
    {
        var handler = new FakeCursorHandler(TimeProvider.System) { Otherwise = FakeCursorHandler.HangAsync };

        var error = await Assert.ThrowsAsync<CursorApiException>(() =>
            CursorTestClients.Create(handler, _secrets, TimeProvider.System, options =>
            {
                options.RequestTimeout = TimeSpan.FromMilliseconds(30);
                options.MaxAttempts = 2;
            }).GetMembersAsync(None));

        Assert.Equal(CursorApiFailure.Unavailable, error.Failure);
        Assert.Contains("no response within", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetMembersAsync_CallerCancels_OperationCanceledWithoutRetry()
    {
        var handler = new FakeCursorHandler(TimeProvider.System) { Otherwise = FakeCursorHandler.HangAsync };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CursorTestClients.Create(handler, _secrets, TimeProvider.System).GetMembersAsync(cancellation.Token));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetUsageEventsAsync_AdminLimiterExhausted_UsesItsOwnLimiter()
    {
        var time = new ManualTimeProvider(CursorTestClients.Start);
        var handler = new FakeCursorHandler(time)
        {
            Otherwise = _ => Task.FromResult(FakeCursorHandler.Json(HttpStatusCode.OK, CursorFixtures.Members)),
        };
        var client = CursorTestClients.Create(handler, _secrets, time, options =>
        {
            options.RequestsPerMinute = 1;
            options.UsageEventsPerMinute = 1;
        });
        await client.GetMembersAsync(None);

        await client.GetUsageEventsAsync(CursorTestClients.Start.AddDays(-1), CursorTestClients.Start, 1, 100, None)
            .WaitAsync(TimeSpan.FromSeconds(5));
        var secondMembers = client.GetMembersAsync(None);

        Assert.False(secondMembers.IsCompleted);
        Assert.Equal(2, handler.Requests.Count);
        time.Advance(TimeSpan.FromSeconds(60));
        await secondMembers.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, handler.Requests.Count);
    }
}
