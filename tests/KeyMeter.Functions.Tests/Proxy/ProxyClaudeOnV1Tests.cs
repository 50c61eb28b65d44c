using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;
using OpenAI;
using OpenAI.Chat;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// Claude through <c>/v1/chat/completions</c>: the official OpenAI SDK and a Cursor-shaped request get Chat
/// Completions back from a fake that speaks Anthropic's Messages API, and each call is metered on Anthropic's own usage.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyClaudeOnV1Tests(AzuriteFixture azurite) : IAsyncLifetime
{
    // As on /anthropic (ProxyAnthropicTests): claude-sonnet-4-5 at 3 input, 0.30 cache read, 3.75 / 6 cache write
    // (5 m / 1 h), 15 output per 1M; the fake reports 50 in, 10,000 read, 1,500 + 500 written, 20 out.
    private const decimal MessageCost = (50 * 3m + 10_000 * 0.30m + 1_500 * 3.75m + 500 * 6m + 20 * 15m) / 1_000_000m;
    private static readonly TokenUsage MessageTokens = new(50, 10_000, 1_500, 500, 20, 0);

    private ProxyHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProxyHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private ChatClient Client(string secret) => _harness.ChatClient("claude-sonnet-4-5", secret);

    private static ChatCompletionOptions WithWeatherTool() => new()
    {
        Tools =
        {
            ChatTool.CreateFunctionTool(
                "get_weather",
                "The weather in a city",
                BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")),
        },
    };

    private ReceivedCall LastCall() => _harness.Provider.Calls.Last();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private async Task AssertOneExactRecordAsync(bool streamed)
    {
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal(("anthropic", FakeProviderResponses.AnthropicModel, ApiFormat.ChatCompletions), (record.Provider, record.Model, record.Api));
        Assert.Equal(MessageTokens, record.Tokens);
        Assert.Equal(MessageCost, record.CostUsd);
        Assert.Equal((false, streamed, UsageOutcomes.Completed), (record.Estimated, record.Streamed, record.Outcome));
    }

    [Fact]
    public async Task CompleteChat_OfficialSdk_AnswersFromAnthropicAndMetersAnthropicsUsage()
    {
        var key = await _harness.CreateKeyAsync();

        ChatCompletion completion = await Client(key.Secret).CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Say hello")]);

        Assert.Equal("Hello", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal((12_050, 20), (completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount));
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal(("/v1/messages", ProxyHarness.AnthropicKey, "", "2023-06-01"), (call.Path, call.ApiKey, call.Authorization, call.AnthropicVersion));
        var sent = Json(call.Body);
        Assert.Equal("claude-sonnet-4-5", sent.GetProperty("model").GetString());
        Assert.Equal("Be brief.", sent.GetProperty("system")[0].GetProperty("text").GetString());
        Assert.True(sent.GetProperty("max_tokens").GetInt32() > 0);
        await AssertOneExactRecordAsync(streamed: false);
    }

    [Fact]
    public async Task CompleteChatStreaming_OfficialSdk_StreamsChunksAndMetersAnthropicsUsage()
    {
        var key = await _harness.CreateKeyAsync();

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in Client(key.Secret).CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            finish ??= update.FinishReason;
        }

        Assert.Equal(("Hello", ChatFinishReason.Stop), (text.ToString(), finish));
        Assert.True(Json(LastCall().Body).GetProperty("stream").GetBoolean());
        await AssertOneExactRecordAsync(streamed: true);
    }

    [Fact]
    public async Task CompleteChat_ParallelToolCallRoundTrip_ToolUseBlocksOutAndToolResultsBackInOneTurn()
    {
        var key = await _harness.CreateKeyAsync();
        var client = Client(key.Secret);
        List<ChatMessage> messages = [new UserChatMessage("Weather in Paris and Oslo?")];

        ChatCompletion first = await client.CompleteChatAsync(messages, WithWeatherTool());

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(
            [("toolu_01", "get_weather", "Paris"), ("toolu_02", "get_weather", "Oslo")],
            first.ToolCalls.Select(call => (call.Id, call.FunctionName, Json(call.FunctionArguments.ToString()).GetProperty("city").GetString())));
        var tools = Json(LastCall().Body).GetProperty("tools");
        Assert.Equal(("get_weather", "object"), (tools[0].GetProperty("name").GetString(), tools[0].GetProperty("input_schema").GetProperty("type").GetString()));

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage("toolu_01", "18 C, sunny"));
        messages.Add(new ToolChatMessage("toolu_02", "4 C, snow"));
        ChatCompletion second = await client.CompleteChatAsync(messages, WithWeatherTool());

        Assert.Equal("Hello", second.Content[0].Text);
        var turns = Json(LastCall().Body).GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], turns.EnumerateArray().Select(turn => turn.GetProperty("role").GetString()));
        Assert.Equal(["toolu_01", "toolu_02"], turns[1].GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "tool_use").Select(block => block.GetProperty("id").GetString()));
        var results = turns[2].GetProperty("content").EnumerateArray().ToList();
        Assert.Equal([("tool_result", "toolu_01"), ("tool_result", "toolu_02")], results.Select(block => (block.GetProperty("type").GetString(), block.GetProperty("tool_use_id").GetString())));
        Assert.Equal(2, (await _harness.Usage.WaitForAsync(2)).Count(record => record.Provider == "anthropic" && record.CostUsd == MessageCost));
    }

    [Fact]
    public async Task CompleteChatStreaming_ParallelToolCalls_ArgumentDeltasAssembleIntoEachCall()
    {
        var key = await _harness.CreateKeyAsync();

        var calls = new SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)>();
        await foreach (var update in Client(key.Secret).CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris and Oslo?")], WithWeatherTool()))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                if (!calls.TryGetValue(part.Index, out var call))
                {
                    call = (part.ToolCallId, part.FunctionName, new StringBuilder());
                    calls[part.Index] = call;
                }

                call.Arguments.Append(part.FunctionArgumentsUpdate?.ToString());
            }
        }

        Assert.Equal(
            [("toolu_01", "get_weather", "Paris"), ("toolu_02", "get_weather", "Oslo")],
            calls.Values.Select(call => (call.Id, call.Name, Json(call.Arguments.ToString()).GetProperty("city").GetString())));
        await AssertOneExactRecordAsync(streamed: true);
    }

    [Fact]
    public async Task Post_CursorShapedStream_ChatChunksThenUsageThenDone()
    {
        var key = await _harness.CreateKeyAsync();
        using var request = ProxyRequests.Post(
            """{"model":"claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"system","content":"You are a coding assistant."},{"role":"user","content":[{"type":"text","text":"Say hello"}]}],"temperature":0.2}""",
            key.Secret,
            "/v1/chat/completions");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Cursor", "1.7.0"));

        using var response = await _harness.App.Client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n').Where(line => line.StartsWith("data: ", StringComparison.Ordinal)).Select(line => line[6..]).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", lines[^1]);
        var chunks = lines[..^1].Select(Json).ToList();
        Assert.All(chunks, chunk => Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString()));
        Assert.Equal("Hello", string.Concat(chunks.Where(chunk => chunk.GetProperty("choices").GetArrayLength() > 0).Select(chunk => chunk.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var content) ? content.GetString() : "")));
        Assert.Equal(12_070, chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32());
        await AssertOneExactRecordAsync(streamed: true);
    }

    [Fact]
    public async Task Post_CursorFlavouredClaudeBody_BlockSystemCacheMarkersAndToolChoiceObject_IsServed()
    {
        // Cursor formats Claude-named models' requests the Anthropic way inside Chat Completions: the system prompt
        // as blocks with cache_control markers, and tool_choice as an object.
        var key = await _harness.CreateKeyAsync();
        const string body = """
            {"model":"claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"system","content":[{"type":"text","text":"You are a coding assistant.","cache_control":{"type":"ephemeral"}}]},
                         {"role":"user","content":[{"type":"text","text":"Read main.cs","cache_control":{"type":"ephemeral"}}]}],
             "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}}],
             "tool_choice":{"type":"auto"},"max_tokens":8192}
            """;

        var status = await StatusOfAsync(body, key.Secret);

        Assert.Equal(HttpStatusCode.OK, status);
        var sent = Json(LastCall().Body);
        Assert.Equal("ephemeral", sent.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal("ephemeral", sent.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal("auto", sent.GetProperty("tool_choice").GetProperty("type").GetString());
    }

    [Fact]
    public async Task CompleteChat_AnthropicRateLimited_OpenAIShapedErrorWithTheStatusAndRetryAfterAndNothingCharged()
    {
        var key = await _harness.CreateKeyAsync();
        _harness.Provider.Behavior = FakeBehavior.RateLimited;
        using var request = ProxyRequests.Post("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""", key.Secret, "/v1/chat/completions");

        using var response = await _harness.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        var error = Json(await response.Content.ReadAsStringAsync()).GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Contains("rate limit", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        var record = Assert.Single(await _harness.Usage.WaitForAsync(1));
        Assert.Equal((0m, UsageOutcomes.UpstreamError), (record.CostUsd, record.Outcome));
    }

    [Fact]
    public async Task Post_ClaudeOnAKeyAllowedOnlyGpt_Is403AndNothingIsForwarded()
    {
        var key = await _harness.CreateKeyAsync(models: ["gpt-5"]);

        var status = await StatusOfAsync("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(_harness.Provider.Calls);
    }

    [Fact]
    public async Task Post_ReasoningEffort_TheRaisedMaxTokensAreReservedBeforeAnythingIsForwarded()
    {
        // 100 output tokens fit a 0.05 USD budget; "high" effort raises max_tokens by a 24,576-token thinking budget,
        // about 0.37 USD of output at 15 USD per 1M, which does not.
        var key = await _harness.CreateKeyAsync(daily: 0.05m);

        var plain = await StatusOfAsync("""{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""", key.Secret);
        var thinking = await StatusOfAsync("""{"model":"claude-sonnet-4-5","max_tokens":100,"reasoning_effort":"high","messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (plain, thinking));
        var call = Assert.Single(_harness.Provider.Calls);
        Assert.Equal(100, Json(call.Body).GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Post_MemberClaudeCannotHonour_Is400NamingItAndNothingIsForwarded()
    {
        var key = await _harness.CreateKeyAsync();

        var (status, body) = await _harness.PostChatAsync("""{"model":"claude-sonnet-4-5","n":2,"messages":[{"role":"user","content":"Hi"}]}""", key.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("n must", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_harness.Provider.Calls);
    }

    /// <summary>The status alone: the answer may be a stream, which <see cref="ProxyHarness.PostChatAsync"/> cannot parse.</summary>
    private async Task<HttpStatusCode> StatusOfAsync(string json, string secret)
    {
        using var request = ProxyRequests.Post(json, secret, "/v1/chat/completions");
        using var response = await _harness.App.Client.SendAsync(request);
        return response.StatusCode;
    }
}
