using System.Net;
using System.Text;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Only what the provider needs crosses the proxy (finding 10 of the hardening probe).</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyForwardingTests(AzuriteFixture azurite)
{
    private static readonly string[] Hostile =
    [
        "OpenAI-Organization", "OpenAI-Project", "Forwarded", "X-Real-IP", "X-Forwarded-For", "X-Forwarded-Host", "Cookie", "X-Custom", "Proxy-Authorization", "x-functions-key",
    ];

    private static HttpRequestMessage Request(string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var header in Hostile)
        {
            request.Headers.TryAddWithoutValidation(header, "client-" + header);
        }

        return request;
    }

    [Fact]
    public async Task OpenAI_ClientBillingAndForwardingHeaders_NeverReachTheProvider()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync();
        using var request = Request("/v1/chat/completions?api-version=1&organization=org-evil", """{"model":"gpt-5","messages":[{"role":"user","content":"hi"}]}""");
        request.Headers.Add("Authorization", "Bearer " + key.Secret);
        request.Headers.Add("OpenAI-Beta", "assistants=v2");
        request.Headers.Add("X-Stainless-Lang", "js");

        using var response = await harness.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(harness.Provider.Calls);
        Assert.All(Hostile, header => Assert.Null(call.Header(header)));
        Assert.Equal("", call.Query);
        Assert.Equal("assistants=v2", call.Header("OpenAI-Beta"));
        Assert.Equal("js", call.Header("X-Stainless-Lang"));
        Assert.Equal("Bearer " + ProxyHarness.OpenAIKey, call.Authorization);
        Assert.StartsWith("application/json", call.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_OrganizationAndProjectFromSettings_SentWhateverTheClientSays()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Providers:OpenAI:Organization=org-company", "--KeyMeter:Providers:OpenAI:Project=proj_company");
        var key = await harness.CreateKeyAsync();
        using var request = Request("/v1/chat/completions", """{"model":"gpt-5","messages":[{"role":"user","content":"hi"}]}""");
        request.Headers.Add("Authorization", "Bearer " + key.Secret);

        using var response = await harness.App.Client.SendAsync(request);

        var call = Assert.Single(harness.Provider.Calls);
        Assert.Equal("org-company", call.Header("OpenAI-Organization"));
        Assert.Equal("proj_company", call.Header("OpenAI-Project"));
    }

    [Fact]
    public async Task Anthropic_BetaQueryAndHeaderKept_EverythingElseDropped()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync();
        using var request = Request("/anthropic/v1/messages?beta=true&x=1&admin=yes", """{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""");
        request.Headers.Add("x-api-key", key.Secret);
        request.Headers.Add("anthropic-beta", "interleaved-thinking-2025-05-14");
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await harness.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(harness.Provider.Calls);
        Assert.Equal("?beta=true", call.Query);
        Assert.Equal("interleaved-thinking-2025-05-14", call.Header("anthropic-beta"));
        Assert.Equal(ProxyHarness.AnthropicKey, call.ApiKey);
        Assert.All(Hostile, header => Assert.Null(call.Header(header)));
    }
}
