using System.Diagnostics;
using System.Net;
using KeyMeter.Adapters.Budgets;
using KeyMeter.Adapters.Keys;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// While storage does not answer, the proxy answers within a second: known keys from the last known state, everything
/// it cannot decide with 503 and <c>Retry-After</c> (finding 14 of the hardening probe).
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyOutageTests(AzuriteFixture azurite)
{
    private const string Body = """{"model":"gpt-5","max_completion_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";

    private static Task<ProxyHarness> StartAsync(AzuriteFixture azurite, OutageSwitch outage, params string[] args) =>
        StartAsync(azurite, outage, new OutageSwitch(), args);

    private static Task<ProxyHarness> StartAsync(AzuriteFixture azurite, OutageSwitch keys, OutageSwitch budgets, params string[] args) =>
        ProxyHarness.StartAsync(
            azurite,
            services =>
            {
                services.AddSingleton<IKeyStore>(provider => new OutageKeyStore(ActivatorUtilities.CreateInstance<TableKeyStore>(provider), keys));
                services.AddSingleton<IBudgetCounterStore>(provider => new OutageBudgetCounterStore(ActivatorUtilities.CreateInstance<TableBudgetCounterStore>(provider), budgets));
            },
            ["--KeyMeter:Proxy:KeyCacheTtl=00:00:00", .. args]);

    private static async Task<(HttpStatusCode Status, TimeSpan Took, string? RetryAfter)> CallAsync(ProxyHarness harness, string secret)
    {
        using var request = ProxyRequests.Post(Body, secret);
        var clock = Stopwatch.StartNew();
        using var response = await harness.App.Client.SendAsync(request);
        return (response.StatusCode, clock.Elapsed, response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task KeyStoreDown_KnownKeyServedFromLastKnownStateWithinASecond()
    {
        var outage = new OutageSwitch();
        await using var harness = await StartAsync(azurite, outage);
        var key = await harness.CreateKeyAsync();
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(harness, key.Secret)).Status);

        outage.Down = true;
        var result = await CallAsync(harness, key.Secret);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Took < TimeSpan.FromSeconds(1.5), result.Took.ToString());
    }

    [Fact]
    public async Task KeyStoreDown_UnknownKey503WithRetryAfterWithinASecond()
    {
        var outage = new OutageSwitch();
        await using var harness = await StartAsync(azurite, outage);
        var known = await harness.CreateKeyAsync("known");
        var never = await harness.CreateKeyAsync("never-used");
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(harness, known.Secret)).Status);

        outage.Down = true;
        var result = await CallAsync(harness, never.Secret);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.NotNull(result.RetryAfter);
        Assert.True(result.Took < TimeSpan.FromSeconds(1.5), result.Took.ToString());
    }

    [Fact]
    public async Task KeyStoreDown_PastTheStaleLimit_503()
    {
        var outage = new OutageSwitch();
        await using var harness = await StartAsync(azurite, outage, "--KeyMeter:Proxy:KeyMaxStale=00:00:00");
        var key = await harness.CreateKeyAsync();
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(harness, key.Secret)).Status);

        outage.Down = true;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await CallAsync(harness, key.Secret)).Status);
    }

    [Fact]
    public async Task BudgetStoreDown_KeyWithoutALocalSlice503WithRetryAfterWithinASecond()
    {
        var keys = new OutageSwitch();
        var budgets = new OutageSwitch();
        await using var harness = await StartAsync(azurite, keys, budgets);
        var warm = await harness.CreateKeyAsync("warm", daily: 10m);
        var fresh = await harness.CreateKeyAsync("fresh", daily: 10m);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(harness, warm.Secret)).Status);

        // The fresh key holds no slice yet: its first call needs its counter row, which does not answer.
        budgets.Down = true;
        var result = await CallAsync(harness, fresh.Secret);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.NotNull(result.RetryAfter);
        Assert.True(result.Took < TimeSpan.FromSeconds(1.5), result.Took.ToString());
        Assert.Single(harness.Provider.Calls);
    }

    [Fact]
    public async Task BudgetStoreDown_KeyWithALocalSlice_ServedFromIt()
    {
        var keys = new OutageSwitch();
        var budgets = new OutageSwitch();
        await using var harness = await StartAsync(azurite, keys, budgets);
        var key = await harness.CreateKeyAsync(daily: 10m);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(harness, key.Secret)).Status);

        budgets.Down = true;
        var result = await CallAsync(harness, key.Secret);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Took < TimeSpan.FromSeconds(1.5), result.Took.ToString());
    }
}
