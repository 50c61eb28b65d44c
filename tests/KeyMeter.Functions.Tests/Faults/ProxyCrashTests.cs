using System.Diagnostics;
using System.Net;
using KeyMeter.Core.Budgets;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Functions.Tests.Proxy;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Faults;

/// <summary>
/// kill -9 of a proxy instance that holds budget leases: its slices come back to the other instances within the
/// documented time (the lease TTL), instead of blocking the key for the rest of the period.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyCrashTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(6);
    private const string Body = """{"model":"gpt-5","max_completion_tokens":1000,"messages":[{"role":"user","content":"hi"}]}""";

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string secret)
    {
        using var request = ProxyRequests.Post(Body, secret);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task KilledInstanceHoldingTheWholeBudget_SlicesComeBackWithinTheLeaseTtl()
    {
        string[] budgets = ["--KeyMeter:Budgets:LeaseTtl=00:00:06", "--KeyMeter:Budgets:MaintenanceInterval=00:00:01", "--KeyMeter:Budgets:LeaseFraction=1.0"];
        await using var survivor = await ProxyHarness.StartAsync(azurite, budgets);
        var key = await survivor.CreateKeyAsync(daily: 0.05m);
        await using var doomed = await AppProcess.StartAsync(
            azurite,
            survivor.App.TablePrefix,
            ["--KeyMeter:Providers:OpenAI:BaseUrl=" + new Uri(survivor.Provider.BaseAddress, "/v1"), "--KeyMeter:Secrets:OpenAIApiKey=" + ProxyHarness.OpenAIKey, .. budgets]);

        // The doomed instance leases the whole budget (a slice is the whole limit here), then dies holding it.
        Assert.Equal(HttpStatusCode.OK, await CallAsync(doomed.Client, key.Secret));
        await doomed.KillAsync();
        var killedAt = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(survivor.App.Client, key.Secret));

        while (await CallAsync(survivor.App.Client, key.Secret) != HttpStatusCode.OK)
        {
            Assert.True(killedAt.Elapsed < LeaseTtl + TimeSpan.FromSeconds(5), $"the dead instance's slice did not come back within {killedAt.Elapsed}");
            await Task.Delay(250);
        }

        Assert.True(killedAt.Elapsed <= LeaseTtl + TimeSpan.FromSeconds(2), killedAt.Elapsed.ToString());
        var row = await survivor.App.App.Services.GetRequiredService<IBudgetCounterStore>()
            .GetAsync(key.Key.Id, BudgetWindow.Containing(BudgetPeriod.Daily, DateTimeOffset.UtcNow).Key, CancellationToken.None);
        Assert.Equal(survivor.App.App.Services.GetRequiredService<BudgetGate>().Owner, Assert.Single(row!.Counter.Holders).Owner);
    }
}
