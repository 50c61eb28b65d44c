using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>
/// A loopback stand-in for api.openai.com and api.anthropic.com (and their Azure counterparts) that answers like the real APIs, streaming and not,
/// and records what reached it (paths, credentials, whether usage was requested).
/// </summary>
internal sealed class FakeProvider : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private int _completed;

    private FakeProvider(LoopbackServer server) => _server = server;

    /// <summary>Where the fake listens; known once it has started.</summary>
    public Uri BaseAddress => _server.BaseAddress;

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public FakeBehavior Behavior { get; set; } = FakeBehavior.Normal;

    /// <summary>Pause between streamed events.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>Pause after reading a request, before answering: a provider thinking before its first byte.</summary>
    public TimeSpan HeaderDelay { get; set; }

    /// <summary>
    /// When set, non-streaming chat completions report the most the request can bill: as many input tokens as the
    /// body has bytes plus KeyMeter's framing allowance, and its whole <c>max_completion_tokens</c> as output.
    /// </summary>
    public bool WorstCaseUsage { get; set; }

    /// <summary>When set, the model id the fake reports in its answers instead of its usual one.</summary>
    public string? ReportedModel { get; set; }

    /// <summary>Answers written to their end, whether or not anyone was still reading.</summary>
    public int CompletedAnswers => Volatile.Read(ref _completed);

    public static async Task<FakeProvider> StartAsync()
    {
        var fake = new FakeProvider(new LoopbackServer());
        await fake._server.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", fake.ChatAsync);
            app.MapPost("/v1/responses", fake.ResponsesAsync);
            app.MapPost("/v1/messages", fake.MessagesAsync);

            // Azure OpenAI's v1 API and Claude on Foundry, under their own paths.
            app.MapPost("/openai/v1/chat/completions", fake.ChatAsync);
            app.MapPost("/openai/v1/responses", fake.ResponsesAsync);
            app.MapPost("/anthropic/v1/messages", fake.MessagesAsync);
            app.MapGet("/v1/models", () => Results.Text("""{"object":"list","data":[{"id":"gpt-5","object":"model","created":1,"owned_by":"openai"}]}""", "application/json"));
        });
        return fake;
    }

    private async Task<JsonElement> RecordAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var body = document.RootElement.Clone();
        Calls.Enqueue(new ReceivedCall(
            context.Request.Path,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["x-api-key"].ToString(),
            context.Request.Headers["anthropic-version"].ToString(),
            body.GetRawText(),
            body.TryGetProperty("stream_options", out var options) && options.TryGetProperty("include_usage", out var include) && include.GetBoolean(),
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (HeaderDelay > TimeSpan.Zero)
        {
            await Task.Delay(HeaderDelay, context.RequestAborted);
        }

        return body;
    }

    private async Task ChatAsync(HttpContext context)
    {
        var body = await RecordAsync(context);
        if (await RefusedAsync(context))
        {
            return;
        }

        var stream = body.TryGetProperty("stream", out var s) && s.GetBoolean();
        if (!stream && WorstCaseUsage)
        {
            var output = body.TryGetProperty("max_completion_tokens", out var max) ? max.GetInt64() : 0;
            await WriteJsonAsync(context, FakeProviderResponses.ChatCompletionWithUsage("Hi", context.Request.ContentLength!.Value + 1_000, output));
            return;
        }

        if (!stream)
        {
            await WriteJsonAsync(context, FakeProviderResponses.ChatCompletion("Hello there"));
            return;
        }

        var includeUsage = Calls.Last().IncludeUsageRequested;
        await StreamAsync(context, FakeProviderResponses.ChatChunks(["Hel", "lo", " there"], includeUsage));
    }

    private async Task ResponsesAsync(HttpContext context)
    {
        var body = await RecordAsync(context);
        if (body.TryGetProperty("stream_options", out _))
        {
            // The real Responses API rejects it.
            await WriteJsonAsync(context, """{"error":{"message":"Unknown parameter: 'stream_options'.","type":"invalid_request_error","param":"stream_options","code":"unknown_parameter"}}""", status: 400);
            return;
        }

        if (body.TryGetProperty("stream", out var s) && s.GetBoolean())
        {
            await StreamAsync(context, FakeProviderResponses.ResponseEvents(["H", "i"]));
            return;
        }

        await WriteJsonAsync(context, FakeProviderResponses.Response("Hi"));
    }

    private async Task MessagesAsync(HttpContext context)
    {
        var body = await RecordAsync(context);
        if (await RefusedAsync(context, FakeProviderResponses.AnthropicRateLimited))
        {
            return;
        }

        // With tools offered and no tool results yet, the model calls two tools at once, as Claude does in parallel.
        var callsTools = body.TryGetProperty("tools", out _) && !HasToolResults(body);
        var stream = body.TryGetProperty("stream", out var s) && s.GetBoolean();
        if (!stream)
        {
            await WriteJsonAsync(context, callsTools ? FakeProviderResponses.AnthropicToolUse : FakeProviderResponses.AnthropicMessage("Hello"));
            return;
        }

        await StreamAsync(context, callsTools ? FakeProviderResponses.AnthropicToolUseEvents() : FakeProviderResponses.AnthropicEvents(["Hel", "lo"]));
    }

    private static bool HasToolResults(JsonElement body) =>
        body.GetProperty("messages").EnumerateArray().Any(message =>
            message.GetProperty("content") is { ValueKind: JsonValueKind.Array } content
            && content.EnumerateArray().Any(block => block.GetProperty("type").GetString() == "tool_result"));

    private async Task<bool> RefusedAsync(HttpContext context, string body = FakeProviderResponses.OpenAIRateLimited)
    {
        if (Behavior != FakeBehavior.RateLimited)
        {
            return false;
        }

        context.Response.StatusCode = 429;
        context.Response.Headers["retry-after"] = "7";
        context.Response.Headers["x-ratelimit-remaining-tokens"] = "0";
        context.Response.Headers["x-ratelimit-reset-tokens"] = "6s";
        await WriteJsonAsync(context, body, status: 429);
        return true;
    }

    private async Task StreamAsync(HttpContext context, IEnumerable<string> events)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        var sent = 0;
        foreach (var item in events)
        {
            if (Behavior == FakeBehavior.CutMidStream && sent == 2)
            {
                // Give the proxy time to read what was sent: a reset discards unread bytes on the receiving side.
                await Task.Delay(200, context.RequestAborted);
                context.Abort();
                return;
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Reported(item)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            sent++;

            if (ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay, context.RequestAborted);
            }
        }

        Interlocked.Increment(ref _completed);
    }

    private async Task WriteJsonAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Reported(json), context.RequestAborted);
        Interlocked.Increment(ref _completed);
    }

    private string Reported(string text) => ReportedModel is { } model ? text.Replace(FakeProviderResponses.ChatModel, model, StringComparison.Ordinal) : text;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
