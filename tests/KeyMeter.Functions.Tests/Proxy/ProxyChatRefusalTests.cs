using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// Budget and allow-list refusals reach Cursor's chat as text it shows (Cursor hides 429 bodies): a finished answer
/// that says which limit, how much, when it resets and whom to ask; other clients keep the provider-shaped error.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyChatRefusalTests(AzuriteFixture azurite)
{
    private const string CursorAgent = "Cursor/1.7.46";
    private const string OverBudget = """{"model":"gpt-5","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Refactor this"}]}""";

    private static async Task<(HttpStatusCode Status, HttpResponseMessage Response, string Body)> PostAsync(ProxyHarness harness, string json, string secret, string? userAgent)
    {
        using var request = ProxyRequests.Post(json, secret, "/v1/chat/completions");
        if (userAgent is not null)
        {
            request.Headers.UserAgent.Clear();
            request.Headers.UserAgent.ParseAdd(userAgent);
        }

        var response = await harness.App.Client.SendAsync(request);
        return (response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }

    private static List<JsonElement> Chunks(string sse) =>
        [.. sse.Split('\n').Where(line => line.StartsWith("data: {", StringComparison.Ordinal)).Select(line => JsonDocument.Parse(line[6..]).RootElement.Clone())];

    [Fact]
    public async Task Cursor_OverBudgetStream_ReadsTheRefusalInTheChatAndTheTurnEnds()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Proxy:AdminContact=#platform-help on Slack");
        var key = await harness.CreateKeyAsync(daily: 0.01m);

        var (status, response, body) = await PostAsync(harness, OverBudget, key.Secret, CursorAgent);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("budget_exceeded", response.Headers.GetValues("X-KeyMeter-Refusal").Single());
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        var chunks = Chunks(body);
        var text = chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()!;
        Assert.Contains("daily budget is used up", text, StringComparison.Ordinal);
        Assert.Contains("of 0.01 USD", text, StringComparison.Ordinal);
        Assert.Contains("It resets at ", text, StringComparison.Ordinal);
        Assert.Contains("Ask #platform-help on Slack", text, StringComparison.Ordinal);
        Assert.Contains("retrying will not help", text, StringComparison.Ordinal);
        Assert.Equal("stop", chunks[1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[2].GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Empty(harness.Provider.Calls);
        Assert.Empty(harness.Usage.Records);
    }

    [Fact]
    public async Task Cursor_ModelNotAllowedWithoutStream_ACompletionThatSaysSo()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync(models: ["gpt-5-mini"]);

        var (status, _, body) = await PostAsync(harness, """{"model":"gpt-5","messages":[{"role":"user","content":"Hi"}]}""", key.Secret, CursorAgent);

        Assert.Equal(HttpStatusCode.OK, status);
        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Contains("'gpt-5' is not on your KeyMeter key's allow-list", choice.GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("Ask your KeyMeter administrator", choice.GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Empty(harness.Provider.Calls);
    }

    [Fact]
    public async Task Sdk_OverBudget_KeepsThe429InOpenAIsShape()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync(daily: 0.01m);

        var (status, response, body) = await PostAsync(harness, OverBudget, key.Secret, "OpenAI/Python 1.99.0");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.False(response.Headers.Contains("X-KeyMeter-Refusal"));
        Assert.Equal("budget_exceeded", JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task SettingNever_CursorGetsThe429()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Proxy:RefusalsInChat=Never");
        var key = await harness.CreateKeyAsync(daily: 0.01m);

        var (status, _, _) = await PostAsync(harness, OverBudget, key.Secret, CursorAgent);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
    }

    [Fact]
    public async Task SettingAlways_AnyClientReadsTheRefusal_ButNotOtherErrors()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite, "--KeyMeter:Proxy:RefusalsInChat=Always");
        var key = await harness.CreateKeyAsync(daily: 0.01m);

        var (overBudget, _, _) = await PostAsync(harness, OverBudget, key.Secret, "OpenAI/Python 1.99.0");
        var (badKey, _, _) = await PostAsync(harness, OverBudget, "km_not-a-key", CursorAgent);
        var (noModel, _, _) = await PostAsync(harness, """{"model":"llama-3","messages":[]}""", key.Secret, CursorAgent);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound), (overBudget, badKey, noModel));
    }

    [Fact]
    public async Task Cursor_OnTheAnthropicRoute_KeepsAnthropicsError()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync(daily: 0.01m);
        using var request = ProxyRequests.Post("""{"model":"claude-sonnet-4-5","max_tokens":64000,"messages":[{"role":"user","content":"Hi"}]}""", key.Secret, "/anthropic/v1/messages");
        request.Headers.UserAgent.Clear();
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Cursor", "1.7.46"));

        using var response = await harness.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }
}
