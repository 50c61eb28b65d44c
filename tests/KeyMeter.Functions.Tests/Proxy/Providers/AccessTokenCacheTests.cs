using Azure.Identity;
using KeyMeter.Functions.Proxy.Providers;
using KeyMeter.Functions.Tests.Local;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy.Providers;

/// <summary>The managed identity's token: fetched once, shared, refreshed ahead of expiry, kept through a failed refresh.</summary>
public sealed class AccessTokenCacheTests
{
    private const string Scope = "https://cognitiveservices.azure.com/.default";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ListLoggerProvider _logs = new();
    private readonly FakeTokenCredential _credential;
    private readonly AccessTokenCache _cache;

    public AccessTokenCacheTests()
    {
        _credential = new FakeTokenCredential(_time);
        _cache = new AccessTokenCache(Scope, _credential, _time, _logs.CreateLogger("test"));
    }

    [Fact]
    public async Task Get_ManyCalls_OneFetchForTheScopeAsked()
    {
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(FakeTokenCredential.TokenNumber(1), await _cache.GetAsync(CancellationToken.None));
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, _credential.Fetches);
        Assert.Equal([Scope], _credential.Scopes);
    }

    [Fact]
    public async Task Get_ConcurrentCallsWithoutAToken_ShareOneFetch()
    {
        var gate = new TaskCompletionSource();
        _credential.Gate = gate.Task;

        var calls = Enumerable.Range(0, 20).Select(_ => _cache.GetAsync(CancellationToken.None).AsTask()).ToList();
        Assert.All(calls, call => Assert.False(call.IsCompleted));
        gate.SetResult();

        Assert.All(await Task.WhenAll(calls), token => Assert.Equal(FakeTokenCredential.TokenNumber(1), token));
        Assert.Equal(1, _credential.Fetches);
    }

    [Fact]
    public async Task Get_FiveMinutesBeforeExpiry_Refreshes()
    {
        await _cache.GetAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal(FakeTokenCredential.TokenNumber(1), await _cache.GetAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(FakeTokenCredential.TokenNumber(2), await _cache.GetAsync(CancellationToken.None));

        Assert.Equal(2, _credential.Fetches);
    }

    [Fact]
    public async Task Get_ShortLivedToken_RefreshesHalfwayThroughItsLife()
    {
        _credential.Lifetime = TimeSpan.FromMinutes(6);
        await _cache.GetAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(2.9));
        Assert.Equal(FakeTokenCredential.TokenNumber(1), await _cache.GetAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(0.2));
        Assert.Equal(FakeTokenCredential.TokenNumber(2), await _cache.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Get_RefreshWhileTheOldTokenIsValid_NoCallWaitsForIt()
    {
        await _cache.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(56));
        var gate = new TaskCompletionSource();
        _credential.Gate = gate.Task;

        // The refresh is running and held: calls go on with the old, still valid token.
        Assert.Equal(FakeTokenCredential.TokenNumber(1), await _cache.GetAsync(CancellationToken.None));
        Assert.Equal(FakeTokenCredential.TokenNumber(1), await _cache.GetAsync(CancellationToken.None));
        gate.SetResult();
        await WaitUntilAsync(async () => await _cache.GetAsync(CancellationToken.None) == FakeTokenCredential.TokenNumber(2));

        Assert.Equal(2, _credential.Fetches);
    }

    [Fact]
    public async Task Get_FailedRefreshWhileTheOldTokenIsValid_KeepsItAndRetriesLater()
    {
        await _cache.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(56));
        _credential.Failure = new CredentialUnavailableException("identity endpoint down");

        Assert.Equal(FakeTokenCredential.TokenNumber(1), await _cache.GetAsync(CancellationToken.None));
        Assert.Equal(FakeTokenCredential.TokenNumber(1), await _cache.GetAsync(CancellationToken.None));
        Assert.Equal(2, _credential.Fetches);

        _time.Advance(AccessTokenCache.RetryAfterFailure);
        _credential.Failure = null;
        Assert.Equal(FakeTokenCredential.TokenNumber(3), await _cache.GetAsync(CancellationToken.None));

        var line = Assert.Single(_logs.Lines, line => line.EventId == 5090);
        Assert.Contains(nameof(CredentialUnavailableException), line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("identity endpoint down", _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FailureAndNoValidToken_IsNullWithoutAFetchPerCall()
    {
        _credential.Failure = new CredentialUnavailableException("no identity");

        Assert.Null(await _cache.GetAsync(CancellationToken.None));
        Assert.Null(await _cache.GetAsync(CancellationToken.None));
        Assert.Equal(1, _credential.Fetches);

        // Once expired, a token that could not be refreshed is not sent.
        _credential.Failure = null;
        _time.Advance(AccessTokenCache.RetryAfterFailure);
        Assert.Equal(FakeTokenCredential.TokenNumber(2), await _cache.GetAsync(CancellationToken.None));
        _credential.Failure = new CredentialUnavailableException("no identity");
        _time.Advance(TimeSpan.FromMinutes(59.6));
        Assert.Null(await _cache.GetAsync(CancellationToken.None));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(await condition());
    }
}
