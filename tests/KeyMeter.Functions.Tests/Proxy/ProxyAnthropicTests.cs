using System.Net;
using System.Text;
using Anthropic;
using Anthropic.Models.Messages;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyAnthropicTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // claude-sonnet-4-5: 3 input, 0.30 cache read, 3.75 write 5m, 6 write 1h, 15 output per 1M.
    private const decimal MessageCost = (50 * 3m + 10_000 * 0.30m + 1_500 * 3.75m + 500 * 6m + 20 * 15m) / 1_000_000m;
    private const decimal MessageFee = 12_070 * 0.25m / 1_000_000m;
    private static readonly TokenUsage MessageTokens = new(50, 10_000, 1_500, 500, 20, 0);

    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private AnthropicClient Client(string secret) => new()
    {
        ApiKey = secret,
        BaseUrl = _harness.AnthropicBaseUrl.AbsoluteUri.TrimEnd('/'),
        MaxRetries = 0,
    };

    private static MessageCreateParams Hello() => new()
    {
        MaxTokens = 256,
        Messages = [new UserMessageParam("Say hello")],
        Model = FakeProviderResponses.AnthropicModel,
    };

    [Fact]
    public async Task Create_OfficialSdk_AnswersAndMetersCacheReadsAndWritesExactly()
    {
        var key = await _harness.CreateKeyAsync();

        var message = await Client(key.Secret).Messages.Create(Hello());

        Assert.Equal(20, message.Usage.OutputTokens);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal("anthropic", record.Provider);
        Assert.Equal(MessageTokens, record.Tokens);
        Assert.Equal(MessageCost, record.CostUsd);
        Assert.Equal(MessageFee, record.CursorFeeUsd);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal(ProxyHarness.AnthropicKey, call.ApiKey);
        Assert.Equal(string.Empty, call.Authorization);
    }

    [Fact]
    public async Task CreateStreaming_OfficialSdk_CumulativeDeltasCountOnce()
    {
        var key = await _harness.CreateKeyAsync();
        var events = 0;

        await foreach (var item in Client(key.Secret).Messages.CreateStreaming(Hello()))
        {
            events++;
        }

        Assert.True(events >= 6);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.True(record.Streamed);
        Assert.Equal(MessageTokens, record.Tokens);
        Assert.Equal(MessageCost, record.CostUsd);
    }

    [Fact]
    public async Task Stream_UpstreamCutsMidStream_RecordStillWrittenAndEstimated()
    {
        var key = await _harness.CreateKeyAsync();
        _harness.Provider.Behavior = FakeBehavior.CutMidStream;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/anthropic/v1/messages")
        {
            Content = new StringContent($$"""{"model":"{{FakeProviderResponses.AnthropicModel}}","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", key.Secret);

        try
        {
            using var response = await _harness.App.Client.SendAsync(request);
            _ = await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException)
        {
            // The proxy aborts the client connection when the upstream breaks mid-stream.
        }

        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(UsageOutcomes.UpstreamFailed, record.Outcome);
        Assert.True(record.Estimated, record.ToString());
        Assert.Equal(50, record.Tokens.InputTokens);
    }

    [Fact]
    public async Task InvalidKey_401InAnthropicShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/anthropic/v1/messages")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", "km_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");

        using var response = await _harness.App.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"type\":\"error\"", body, StringComparison.Ordinal);
        Assert.Contains("\"authentication_error\"", body, StringComparison.Ordinal);
    }
}
