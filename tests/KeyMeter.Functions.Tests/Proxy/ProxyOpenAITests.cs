using System.Net;
using System.Text;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;

namespace KeyMeter.Functions.Tests.Proxy;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyOpenAITests(AzuriteFixture azurite) : IAsyncLifetime
{
    // gpt-5: 1.25 input, 0.125 cached, 10 output per 1M; 200 uncached + 1,000 cached in, 300 out.
    private const decimal ChatCost = (200 * 1.25m + 1000 * 0.125m + 300 * 10m) / 1_000_000m;
    private const decimal ChatFee = 1500 * 0.25m / 1_000_000m;

    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private ChatClient Client(string secret) => _harness.ChatClient("gpt-5", secret);

    private async Task<HttpResponseMessage> PostAsync(string path, string json, string? secret)
    {
        using var request = ProxyRequests.Post(json, secret, path);
        return await _harness.App.Client.SendAsync(request);
    }

    [Fact]
    public async Task CompleteChat_OfficialSdkNonStreaming_AnswersAndMetersOneExactRecord()
    {
        var key = await _harness.CreateKeyAsync();

        ChatCompletion completion = await Client(key.Secret).CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("Hello there", completion.Content[0].Text);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(key.Key.Id, record.KeyId);
        Assert.Equal("openai", record.Provider);
        Assert.Equal(FakeProviderResponses.ChatModel, record.Model);
        Assert.Equal(new TokenUsage(200, 1000, 0, 0, 300, 100), record.Tokens);
        Assert.Equal(ChatCost, record.CostUsd);
        Assert.Equal(ChatFee, record.CursorFeeUsd);
        Assert.False(record.Estimated);
        Assert.False(record.Streamed);
        Assert.Equal(UsageOutcomes.Completed, record.Outcome);
        Assert.Equal(200, record.Status);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal("Bearer " + ProxyHarness.OpenAIKey, call.Authorization);
    }

    [Fact]
    public async Task CompleteChatStreaming_OfficialSdk_StreamsAndMetersOneExactRecord()
    {
        var key = await _harness.CreateKeyAsync();
        var text = new StringBuilder();

        await foreach (var update in Client(key.Secret).CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Hello there", text.ToString());
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.True(record.Streamed);
        Assert.Equal(new TokenUsage(200, 1000, 0, 0, 300, 100), record.Tokens);
        Assert.Equal(ChatCost, record.CostUsd);
    }

    [Fact]
    public async Task Stream_ClientDidNotAskForUsage_UpstreamIsAskedAndClientDoesNotSeeTheUsageChunk()
    {
        var key = await _harness.CreateKeyAsync();

        using var response = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","stream":true,"messages":[{"role":"user","content":"hi"}]}""", key.Secret);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Assert.Single(_harness.Provider.Calls).IncludeUsageRequested);
        Assert.DoesNotContain("\"usage\":{", body, StringComparison.Ordinal);
        Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);
        Assert.Equal(5, body.Split("chat.completion.chunk").Length - 1);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(1200, record.Tokens.TotalInputTokens);
        Assert.False(record.Estimated);
    }

    [Fact]
    public async Task Stream_ClientAbortsMidStream_RestIsReadAndMeteredExactly()
    {
        var key = await _harness.CreateKeyAsync();
        _harness.Provider.ChunkDelay = TimeSpan.FromMilliseconds(300);
        using var cancel = new CancellationTokenSource();
        using var request = ProxyRequests.Post("""{"model":"gpt-5","stream":true,"messages":[{"role":"user","content":"hi"}]}""", key.Secret);

        // No draining on dispose: SocketsHttpHandler would otherwise read up to 1 MB of the rest to reuse the connection.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = _harness.App.Client.BaseAddress };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
        var buffer = new byte[256];
        _ = await stream.ReadAsync(buffer, cancel.Token);
        await cancel.CancelAsync();
        response.Dispose();

        // The provider bills the whole answer, so KeyMeter reads it to the end and meters its own usage report.
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(UsageOutcomes.ClientAborted, record.Outcome);
        Assert.False(record.Estimated, record.ToString());
        Assert.Equal(new TokenUsage(200, 1000, 0, 0, 300, 100), record.Tokens);
        Assert.Equal(1, _harness.Provider.CompletedAnswers);
    }

    [Fact]
    public async Task UpstreamRateLimited_StatusHeadersAndBodyPassThroughAndNothingIsCharged()
    {
        var key = await _harness.CreateKeyAsync();
        _harness.Provider.Behavior = FakeBehavior.RateLimited;

        using var response = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","messages":[{"role":"user","content":"hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining-tokens").Single());
        Assert.Contains("rate_limit_exceeded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(UsageOutcomes.UpstreamError, record.Outcome);
        Assert.Equal(0m, record.CostUsd);
        Assert.Equal(TokenUsage.Zero, record.Tokens);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("km_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-keymeter-key")]
    public async Task UnknownOrMissingKey_401InOpenAIShapeWithoutEchoingTheKey(string? secret)
    {
        using var response = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","messages":[]}""", secret);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"code\":\"invalid_api_key\"", body, StringComparison.Ordinal);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, _harness.App.Logs.All, StringComparison.Ordinal);
        }

        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task RevokedKey_RefusedOnNextRequest()
    {
        var key = await _harness.CreateKeyAsync();
        var keys = _harness.App.App.Services.GetRequiredService<KeyMeter.Core.Keys.KeyManagement>();
        using (var first = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","messages":[]}""", key.Secret))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await keys.RevokeAsync(key.Key.Id, "test", CancellationToken.None);
        using var second = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","messages":[]}""", key.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task ModelOutsideAllowList_403ModelNotAllowedAndNothingForwarded()
    {
        var key = await _harness.CreateKeyAsync(models: ["claude-*"]);

        using var response = await PostAsync("/v1/chat/completions", """{"model":"gpt-5","messages":[]}""", key.Secret);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("\"code\":\"model_not_allowed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Theory]
    [InlineData("{not json", 400)]
    [InlineData("""{"messages":[]}""", 400)]
    [InlineData("""{"model":42}""", 400)]
    [InlineData("[1,2]", 400)]
    public async Task BadBody_ProviderShaped4xxAndNothingForwarded(string json, int status)
    {
        var key = await _harness.CreateKeyAsync();

        using var response = await PostAsync("/v1/chat/completions", json, key.Secret);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains("\"error\":{", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task UnknownPathAndWrongMethod_404And405InOpenAIShape()
    {
        var key = await _harness.CreateKeyAsync();

        using var missing = await PostAsync("/v1/images/generations", "{}", key.Secret);
        using var wrong = await _harness.App.Client.GetAsync(new Uri("/v1/chat/completions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"error\":{", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Contains("\"error\":{", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_KeyWithExactAllowList_ListsThoseModels()
    {
        var key = await _harness.CreateKeyAsync(models: ["gpt-5", "gpt-5-mini"]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Authorization", "Bearer " + key.Secret);

        using var response = await _harness.App.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"id\":\"gpt-5-mini\"", body, StringComparison.Ordinal);
        Assert.Contains("\"object\":\"list\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_AfterTraffic_ContainNoSecretNoPromptNoCompletion()
    {
        var key = await _harness.CreateKeyAsync();
        await Client(key.Secret).CompleteChatAsync([new UserChatMessage("my secret prompt text")]);
        await _harness.Usage.WaitForAsync(1);

        var logs = _harness.App.Logs.All;

        Assert.DoesNotContain(key.Secret[3..], logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ProxyHarness.OpenAIKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("my secret prompt text", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello there", logs, StringComparison.Ordinal);
        Assert.Contains(key.Key.Id, logs, StringComparison.Ordinal);
    }
}
