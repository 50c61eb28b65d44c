using System.Net;
using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;
using OpenAI.Chat;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// One base URL, <c>/v1</c>, for every OpenAI-compatible provider: the model id picks the provider (the fake answers
/// for each, at the base URL the harness gives it), and the key's allow-list and budgets apply the same way.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyModelRoutingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // gemini-2.5-pro: 1.25 input, 0.125 cached, 10 output per 1M (below its long-context threshold); the fake reports
    // 200 uncached + 1,000 cached in, 300 out.
    private const decimal GeminiCost = (200 * 1.25m + 1000 * 0.125m + 300 * 10m) / 1_000_000m;

    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Providers:Google:Models:0=gemini-*", "--KeyMeter:Providers:Google:Models:1=gemma-*");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task CompleteChat_GeminiModel_GoesToGoogleWithItsKeyAndIsPricedAsGoogle()
    {
        var key = await _harness.CreateKeyAsync();
        _harness.Provider.ReportedModel = "gemini-2.5-pro";

        ChatCompletion completion = await _harness.ChatClient("gemini-2.5-pro", key.Secret).CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("Hello there", completion.Content[0].Text);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal("Bearer " + ProxyHarness.GoogleKey, call.Authorization);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(("google", "gemini-2.5-pro"), (record.Provider, record.Model));
        Assert.Equal(new TokenUsage(200, 1000, 0, 0, 300, 100), record.Tokens);
        Assert.Equal(GeminiCost, record.CostUsd);
        Assert.False(record.Unpriced);
    }

    [Fact]
    public async Task CompleteChatStreaming_PrefixedGeminiModel_BothEditsReachGoogleAndTheUsageIsMetered()
    {
        var key = await _harness.CreateKeyAsync();
        _harness.Provider.ReportedModel = "gemini-2.5-pro";

        var text = "";
        await foreach (var update in _harness.ChatClient("google/gemini-2.5-pro", key.Secret).CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
        }

        Assert.Equal("Hello there", text);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.True(call.IncludeUsageRequested);
        Assert.Equal("gemini-2.5-pro", JsonDocument.Parse(call.Body).RootElement.GetProperty("model").GetString());
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(("google", GeminiCost, true), (record.Provider, record.CostUsd, record.Streamed));
    }

    [Fact]
    public async Task Post_ProviderPrefix_SendsTheIdWithoutItAndChecksTheAllowListAgainstIt()
    {
        var key = await _harness.CreateKeyAsync(models: ["gemini-2.5-pro"]);
        _harness.Provider.ReportedModel = "gemini-2.5-pro";

        var (status, _) = await _harness.PostChatAsync("""{"model":"google/gemini-2.5-pro","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal("Bearer " + ProxyHarness.GoogleKey, call.Authorization);
        Assert.Equal("gemini-2.5-pro", JsonDocument.Parse(call.Body).RootElement.GetProperty("model").GetString());
        Assert.Equal("gemini-2.5-pro", Assert.Single(await _harness.Usage.WaitForAsync(1)).Model);
    }

    [Fact]
    public async Task Post_ModelsSetting_RoutesAnIdOutsideTheDefaults()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, _) = await _harness.PostChatAsync("""{"model":"gemma-3-27b-it","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer " + ProxyHarness.GoogleKey, Assert.Single(_harness.Provider.Calls).Authorization);
        Assert.Equal("google", Assert.Single(await _harness.Usage.WaitForAsync(1)).Provider);
    }

    [Theory]
    [InlineData("llama-3.1-70b")]
    [InlineData("mistral/large")]
    [InlineData("google/")]
    public async Task Post_ModelNoProviderServes_Is404ModelNotFoundInOpenAIShapeAndNothingIsForwarded(string model)
    {
        var key = await _harness.CreateKeyAsync();

        var (status, body) = await _harness.PostChatAsync($$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(model, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
        Assert.Empty(_harness.Usage.Records);
    }

    [Fact]
    public async Task Post_GeminiOnAKeyAllowedOnlyGpt_Is403AndNothingIsForwarded()
    {
        var key = await _harness.CreateKeyAsync(models: ["gpt-5"]);

        var (status, body) = await _harness.PostChatAsync("""{"model":"google/gemini-2.5-pro","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("model_not_allowed", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Post_GeminiOverBudget_Is429AndNothingIsForwarded()
    {
        var key = await _harness.CreateKeyAsync(daily: 0.01m);

        var (status, _) = await _harness.PostChatAsync("""{"model":"gemini-2.5-pro","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Models_KeyWithoutAllowList_ListsWhatItCanCallAcrossProvidersWithoutAskingOne()
    {
        var key = await _harness.CreateKeyAsync();

        var ids = await ModelIdsAsync(key.Secret);

        Assert.Contains("gpt-5", ids);
        Assert.Contains("claude-sonnet-4-5", ids);
        Assert.Contains("gemini-2.5-pro", ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Models_WildcardAllowList_ListsOnlyWhatItAdmits()
    {
        var key = await _harness.CreateKeyAsync(models: ["claude-*"]);

        var ids = await ModelIdsAsync(key.Secret);

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.StartsWith("claude-", id, StringComparison.Ordinal));
    }

    private async Task<List<string>> ModelIdsAsync(string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Authorization", "Bearer " + secret);
        using var response = await _harness.App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("list", document.RootElement.GetProperty("object").GetString());
        return [.. document.RootElement.GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()!)];
    }
}
