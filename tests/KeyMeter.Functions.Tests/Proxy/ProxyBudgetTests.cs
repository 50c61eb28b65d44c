using System.Net;
using System.Text.Json;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyBudgetTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Each call reserves about 1,000 output tokens of gpt-5 at 10 USD per 1M = 0.01 USD.
    private const string Body = """{"model":"gpt-5","max_completion_tokens":1000,"stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> CallAsync(string secret)
    {
        using var request = ProxyRequests.Post(Body, secret);
        using var response = await _harness.App.Client.SendAsync(request);
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), retryAfter);
    }

    [Fact]
    public async Task ConcurrentRequests_MoneyLeftForOne_OnlyOneIsAdmitted()
    {
        var key = await _harness.CreateKeyAsync(daily: 0.015m);
        _harness.Provider.ChunkDelay = TimeSpan.FromMilliseconds(100);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => CallAsync(key.Secret)));

        Assert.Equal(1, results.Count(result => result.Status == HttpStatusCode.OK));
        Assert.Equal(11, results.Count(result => result.Status == HttpStatusCode.TooManyRequests));
        Assert.Single(_harness.Provider.Calls);
        var refusal = results.First(result => result.Status == HttpStatusCode.TooManyRequests);
        using var error = JsonDocument.Parse(refusal.Body);
        Assert.Equal("insufficient_quota", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("budget_exceeded", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("daily budget", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.NotNull(refusal.RetryAfter);
        Assert.Single(await _harness.Usage.WaitForAsync(1));
    }

    [Fact]
    public async Task SpentBudget_NextRequestRefusedUntilReset()
    {
        var key = await _harness.CreateKeyAsync(daily: 0.012m);

        var first = await CallAsync(key.Secret);
        await _harness.Usage.WaitForAsync(1);
        var second = await CallAsync(key.Secret);
        var third = await CallAsync(key.Secret);

        // The first call cost 0.003375 USD, so 0.008625 is left: less than the next call's 0.01 reservation.
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Single(_harness.Provider.Calls);
    }

    [Fact]
    public async Task NoBudget_Unlimited()
    {
        var key = await _harness.CreateKeyAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CallAsync(key.Secret)));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
    }
}
