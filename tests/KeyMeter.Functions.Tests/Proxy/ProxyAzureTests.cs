using System.Net;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Azure.Core;
using Azure.Identity;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// Azure OpenAI and Claude on Foundry behind KeyMeter, with no provider key: the client asks for the model id, the
/// fake (at the Azure paths the harness gives it) receives the deployment name and the app identity's bearer token,
/// and the record names the Azure provider at the model's list prices.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyAzureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AzureOpenAIKey = "test-azure-openai-resource-key";

    // gpt-4.1: 2 input, 0.5 cached, 8 output per 1M; the fake reports 200 uncached + 1,000 cached in, 300 out.
    private const decimal Gpt41Cost = (200 * 2m + 1000 * 0.5m + 300 * 8m) / 1_000_000m;

    // claude-sonnet-4-5: 3 input, 0.30 cache read, 3.75 write 5m, 6 write 1h, 15 output per 1M.
    private const decimal ClaudeCost = (50 * 3m + 10_000 * 0.30m + 1_500 * 3.75m + 500 * 6m + 20 * 15m) / 1_000_000m;

    private readonly FakeTokenCredential _identity = new(TimeProvider.System);
    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(
        azurite,
        services => services.AddSingleton<TokenCredential>(_identity),
        "--KeyMeter:Providers:AzureOpenAI:Deployments:0:Model=gpt-4.1",
        "--KeyMeter:Providers:AzureOpenAI:Deployments:0:Deployment=my-gpt41",
        "--KeyMeter:Providers:AzureOpenAI:Deployments:1:Model=gpt-5-mini",
        "--KeyMeter:Providers:AzureOpenAI:Deployments:1:Deployment=my-gpt5mini",
        "--KeyMeter:Providers:AzureAnthropic:Deployments:0:Model=claude-sonnet-4-5",
        "--KeyMeter:Providers:AzureAnthropic:Deployments:0:Deployment=my-claude",
        "--KeyMeter:Secrets:AzureOpenAIApiKey=" + AzureOpenAIKey);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task CompleteChat_DeployedModel_ReachesTheDeploymentWithTheBearerTokenAndIsPricedAsOpenAI()
    {
        var key = await _harness.CreateKeyAsync();
        _harness.Provider.ReportedModel = "gpt-4.1-2025-04-14";

        ChatCompletion completion = await _harness.ChatClient("gpt-4.1", key.Secret).CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("Hello there", completion.Content[0].Text);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal("/openai/v1/chat/completions", call.Path);
        Assert.Equal("my-gpt41", JsonDocument.Parse(call.Body).RootElement.GetProperty("model").GetString());
        Assert.Equal("Bearer " + FakeTokenCredential.TokenNumber(1), call.Authorization);
        Assert.Null(call.Header("api-key"));
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], _identity.Scopes);

        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(("azure-openai", "gpt-4.1-2025-04-14"), (record.Provider, record.Model));
        Assert.Equal(new TokenUsage(200, 1000, 0, 0, 300, 100), record.Tokens);
        Assert.Equal(Gpt41Cost, record.CostUsd);
        Assert.False(record.Unpriced);
    }

    [Fact]
    public async Task CompleteChatStreaming_DeployedModel_MeteredFromTheStream()
    {
        var key = await _harness.CreateKeyAsync();
        _harness.Provider.ReportedModel = "gpt-4.1-2025-04-14";

        var text = "";
        await foreach (var update in _harness.ChatClient("gpt-4.1", key.Secret).CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
        }

        Assert.Equal("Hello there", text);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.True(call.IncludeUsageRequested);
        Assert.Equal("my-gpt41", JsonDocument.Parse(call.Body).RootElement.GetProperty("model").GetString());
        Assert.Equal("Bearer " + FakeTokenCredential.TokenNumber(1), call.Authorization);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(("azure-openai", Gpt41Cost, true), (record.Provider, record.CostUsd, record.Streamed));
    }

    [Fact]
    public async Task Post_ManyCalls_OneTokenFetch()
    {
        var key = await _harness.CreateKeyAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _harness.PostChatAsync("""{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}]}""", key.Secret)));

        Assert.Equal(8, _harness.Provider.Calls.Count);
        Assert.All(_harness.Provider.Calls, call => Assert.Equal("Bearer " + FakeTokenCredential.TokenNumber(1), call.Authorization));
        Assert.Equal(1, _identity.Fetches);
    }

    [Fact]
    public async Task Post_ProviderPrefix_GoesToTheDeploymentAndTheAllowListSeesTheModelId()
    {
        var key = await _harness.CreateKeyAsync(models: ["gpt-4.1"]);

        var (status, _) = await _harness.PostChatAsync("""{"model":"azure-openai/gpt-4.1","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("my-gpt41", JsonDocument.Parse(Assert.Single(_harness.Provider.Calls).Body).RootElement.GetProperty("model").GetString());
        Assert.Equal("azure-openai", Assert.Single(await _harness.Usage.WaitForAsync(1)).Provider);
    }

    [Fact]
    public async Task Post_DeployedModelNotOnTheAllowList_Is403AndNothingIsForwarded()
    {
        var key = await _harness.CreateKeyAsync(models: ["gpt-5"]);

        var (status, body) = await _harness.PostChatAsync("""{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("model_not_allowed", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Post_DeployedModelOverBudget_Is429AndNothingIsForwarded()
    {
        var key = await _harness.CreateKeyAsync(daily: 0.001m);

        var (status, _) = await _harness.PostChatAsync("""{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Post_PriorityTier_IsRefused()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, _) = await _harness.PostChatAsync("""{"model":"gpt-4.1","service_tier":"priority","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Post_NoTokenCanBeHad_TheResourceKeyAuthenticatesAndNeverReachesALog()
    {
        var key = await _harness.CreateKeyAsync();
        _identity.Failure = new CredentialUnavailableException("ManagedIdentityCredential authentication unavailable");

        var (status, _) = await _harness.PostChatAsync("""{"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal(AzureOpenAIKey, call.Header("api-key"));
        Assert.Equal(string.Empty, call.Authorization);
        Assert.Contains(_harness.App.Logs.Lines, line => line.EventId == 5091);
        Assert.DoesNotContain(AzureOpenAIKey, _harness.App.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ClaudeOnFoundry_DeploymentAndBearerTokenThroughTheAnthropicSdk()
    {
        var key = await _harness.CreateKeyAsync();
        var client = new AnthropicClient { ApiKey = key.Secret, BaseUrl = _harness.AnthropicBaseUrl.AbsoluteUri.TrimEnd('/'), MaxRetries = 0 };

        var message = await client.Messages.Create(new MessageCreateParams
        {
            MaxTokens = 256,
            Messages = [new UserMessageParam("Say hello")],
            Model = "claude-sonnet-4-5",
        });

        Assert.Equal(20, message.Usage.OutputTokens);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal("/anthropic/v1/messages", call.Path);
        Assert.Equal("my-claude", JsonDocument.Parse(call.Body).RootElement.GetProperty("model").GetString());
        Assert.Equal("Bearer " + FakeTokenCredential.TokenNumber(1), call.Authorization);
        Assert.Equal(string.Empty, call.ApiKey);
        Assert.Equal(["https://ai.azure.com/.default"], _identity.Scopes);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal("azure-anthropic", record.Provider);
        Assert.Equal(ClaudeCost, record.CostUsd);
    }

    [Fact]
    public async Task Create_ClaudeOnFoundryWithoutTokenOrKey_Is503ProviderNotConfigured()
    {
        var key = await _harness.CreateKeyAsync();
        _identity.Failure = new CredentialUnavailableException("no identity");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/anthropic/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"Hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", key.Secret);

        using var response = await _harness.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task CompleteChat_ClaudeOnFoundryThroughV1_TranslatedToTheDeploymentWithTheBearerToken()
    {
        var key = await _harness.CreateKeyAsync();

        ChatCompletion completion = await _harness.ChatClient("claude-sonnet-4-5", key.Secret).CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("Hello", completion.Content[0].Text);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal(("/anthropic/v1/messages", "Bearer " + FakeTokenCredential.TokenNumber(1)), (call.Path, call.Authorization));
        Assert.Equal("my-claude", JsonDocument.Parse(call.Body).RootElement.GetProperty("model").GetString());
        Assert.Equal(["https://ai.azure.com/.default"], _identity.Scopes);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(("azure-anthropic", ClaudeCost, ApiFormat.ChatCompletions), (record.Provider, record.CostUsd, record.Api));
    }

    [Fact]
    public async Task Post_CursorResponsesShapedBodyForADeployedModel_GoesToTheDeploymentsResponsesApi()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, body) = await _harness.PostChatAsync("""{"model":"gpt-5-mini","input":[{"role":"user","content":"Say hello"}],"stream":false}""", key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal("/openai/v1/responses", call.Path);
        Assert.Equal("my-gpt5mini", JsonDocument.Parse(call.Body).RootElement.GetProperty("model").GetString());
        Assert.Equal("azure-openai", Assert.Single(await _harness.Usage.WaitForAsync(1)).Provider);
    }
}
