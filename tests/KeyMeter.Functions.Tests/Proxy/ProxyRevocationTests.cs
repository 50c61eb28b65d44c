using System.Diagnostics;
using System.Net;
using System.Text.Json;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// A revoked or rotated key stops at once where the change was made, and within the poll interval everywhere else,
/// however long keys are cached (finding 9 of the hardening probe).
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyRevocationTests(AzuriteFixture azurite)
{
    private const string LongCache = "--KeyMeter:Proxy:KeyCacheTtl=00:05:00";

    private static async Task<HttpStatusCode> CallAsync(RunningApp app, string secret)
    {
        using var request = ProxyRequests.Post("""{"model":"gpt-5","messages":[{"role":"user","content":"hi"}]}""", secret);
        using var response = await app.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> ManageAsync(RunningApp app, HttpMethod method, string path)
    {
        using var response = await app.Client.SendAsync(RunningApp.Request(method, path));
        return response.StatusCode;
    }

    [Fact]
    public async Task Revoke_SameInstance_NextCallRefusedAtOnce()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, LongCache);
        var key = await harness.CreateKeyAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(harness.App, key.Secret));

        Assert.Equal(HttpStatusCode.OK, await ManageAsync(harness.App, HttpMethod.Delete, "/manage/keys/" + key.Key.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(harness.App, key.Secret));
    }

    [Fact]
    public async Task Rotate_SameInstance_OldSecretRefusedAtOnceNewOneWorks()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, LongCache);
        var key = await harness.CreateKeyAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(harness.App, key.Secret));

        using var rotate = await harness.App.Client.SendAsync(RunningApp.Request(HttpMethod.Post, $"/manage/keys/{key.Key.Id}/rotate"));
        using var rotated = JsonDocument.Parse(await rotate.Content.ReadAsStringAsync());
        var secret = rotated.RootElement.GetProperty("secret").GetString()!;

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(harness.App, key.Secret));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(harness.App, secret));
    }

    [Fact]
    public async Task Revoke_OtherInstance_RefusedWithinThePollInterval()
    {
        await using var first = await ProxyHarness.StartAsync(azurite, LongCache, "--KeyMeter:Proxy:KeyChangePollInterval=00:00:00.200");
        await using var second = await ProxyHarness.StartAsync(azurite, LongCache, "--KeyMeter:Proxy:KeyChangePollInterval=00:00:00.200", "--KeyMeter:Storage:TablePrefix=" + first.App.TablePrefix);
        var key = await first.CreateKeyAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(second.App, key.Secret));

        Assert.Equal(HttpStatusCode.OK, await ManageAsync(first.App, HttpMethod.Delete, "/manage/keys/" + key.Key.Id));
        var clock = Stopwatch.StartNew();
        while (await CallAsync(second.App, key.Secret) == HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the other instance still serves the revoked key");
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(second.App, key.Secret));
    }
}
