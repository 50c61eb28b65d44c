using System.Net;
using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Cursor sends Responses-shaped bodies to /v1/chat/completions for GPT-5 and expects Chat Completions back.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyCursorQuirkTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TokenUsage ResponsesTokens = new(500, 400, 0, 0, 250, 50);

    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<(HttpStatusCode Status, string ContentType, string Body)> PostAsync(string json, string secret)
    {
        using var request = ProxyRequests.Post(json, secret);
        using var response = await _harness.App.Client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ResponsesShapedStream_GoesToResponsesAndComesBackAsChatChunksWithUsage()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, contentType, body) = await PostAsync(
            """{"model":"gpt-5","input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]}],"stream":true,"stream_options":{"include_usage":true},"store":false,"reasoning":{"effort":"medium"}}""",
            key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/event-stream", contentType);
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal("/v1/responses", call.Path);
        Assert.DoesNotContain("stream_options", call.Body, StringComparison.Ordinal);
        Assert.Contains("\"reasoning\":{\"effort\":\"medium\"}", call.Body, StringComparison.Ordinal);
        var chunks = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", chunks[^1]);
        var parsed = chunks[..^1].Select(chunk => JsonDocument.Parse(chunk).RootElement).ToList();
        Assert.All(parsed, chunk => Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString()));
        var text = string.Concat(parsed
            .Where(chunk => chunk.GetProperty("choices").GetArrayLength() > 0)
            .Select(chunk => chunk.GetProperty("choices")[0].GetProperty("delta"))
            .Where(delta => delta.TryGetProperty("content", out _))
            .Select(delta => delta.GetProperty("content").GetString()));
        Assert.Equal("Hi", text);
        var usage = parsed[^1].GetProperty("usage");
        Assert.Equal(900, usage.GetProperty("prompt_tokens").GetInt32());
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(ResponsesTokens, record.Tokens);
        Assert.False(record.Estimated);
    }

    [Fact]
    public async Task ResponsesShapedNonStreaming_ComesBackAsChatCompletion()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, contentType, body) = await PostAsync("""{"model":"gpt-5","input":"hi"}""", key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        using var completion = JsonDocument.Parse(body);
        Assert.Equal("chat.completion", completion.RootElement.GetProperty("object").GetString());
        Assert.Equal("Hi", completion.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(ResponsesTokens, Assert.Single(await _harness.Usage.WaitForAsync(1)).Tokens);
    }
}
