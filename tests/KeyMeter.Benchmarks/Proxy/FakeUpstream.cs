using System.Globalization;
using KeyMeter.Core.Proxy;
using KeyMeter.Functions.Proxy;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// A loopback stand-in for two providers at one root:
/// <list type="bullet">
/// <item><c>api.openai.com/v1/chat/completions</c>: checks the provider key (a bearer token), answers a JSON completion
/// or streams Server-Sent Events (one write and flush per event, as the real API does), adds the usage-only chunk when
/// <c>stream_options.include_usage</c> is set;</item>
/// <item><c>api.anthropic.com/v1/messages</c>: checks the provider key (<c>x-api-key</c>) and that
/// <c>anthropic-version</c> is sent, answers a JSON message (not streamed).</item>
/// </list>
/// Every answer is prebuilt, so a call costs the upstream the same whoever sends it, and its memory does not depend on
/// the body size.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    /// <summary>
    /// Request header choosing the streamed body: its size in bytes, or absent for a short token-by-token answer. The
    /// benchmark's headers carry the SDK telemetry prefix, the only client headers KeyMeter forwards besides a few
    /// named ones.
    /// </summary>
    public const string StreamBytesHeader = "X-Stainless-Bench-Stream-Bytes";

    /// <summary>Request header asking the stream to wait at its middle on <see cref="Gate"/>.</summary>
    public const string HoldHeader = "X-Stainless-Bench-Hold";

    private const long MaxRequestBytes = 1024 * 1024;

    private static readonly BufferedBodyBudget Bodies = new(256L * 1024 * 1024);

    private readonly LoopbackServer _server;
    private readonly string _expectedAuthorization;
    private readonly string _providerKey;

    private FakeUpstream(LoopbackServer server, StreamCatalog streams, string providerKey)
    {
        _server = server;
        Streams = streams;
        _expectedAuthorization = "Bearer " + providerKey;
        _providerKey = providerKey;
    }

    /// <summary>
    /// The root, e.g. <c>http://127.0.0.1:41234/</c>: OpenAI's base URL is this plus <c>v1</c>, Anthropic's is this
    /// (its paths start with <c>/v1</c>).
    /// </summary>
    public Uri BaseAddress => _server.BaseAddress;

    public StreamCatalog Streams { get; }

    public StreamGate Gate { get; } = new();

    public static async Task<FakeUpstream> StartAsync(StreamCatalog streams, string providerKey, CancellationToken cancellationToken)
    {
        var upstream = new FakeUpstream(new LoopbackServer(), streams, providerKey);
        await upstream._server.StartAsync(
            app =>
            {
                app.MapPost("/v1/chat/completions", upstream.ChatAsync);
                app.MapPost("/v1/messages", upstream.MessagesAsync);
            },
            cancellationToken);
        return upstream;
    }

    private async Task ChatAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;

        // 1. The provider key, as OpenAI checks it: proves KeyMeter swapped the developer key for it.
        if (!string.Equals(context.Request.Headers.Authorization.ToString(), _expectedAuthorization, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // 2. The body, read whole as the API does, and its top-level members.
        var (body, _) = await RequestBody.ReadAsync(context.Request, MaxRequestBytes, Bodies, cancellationToken);
        using var owned = body;
        var summary = body is null ? null : RequestInspector.Inspect(body.Memory.Span, out _);
        if (summary is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        foreach (var (name, value) in ChatPayloads.ResponseHeaders)
        {
            context.Response.Headers[name] = value;
        }

        // 3. Not streaming: one JSON answer with its length.
        if (!summary.Stream)
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = ChatPayloads.Completion.Length;
            await context.Response.Body.WriteAsync(ChatPayloads.Completion, cancellationToken);
            return;
        }

        // 4. Streaming: event by event, each flushed; a held stream waits at its middle.
        var size = int.TryParse(context.Request.Headers[StreamBytesHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : StreamCatalog.Tokens;
        if (Streams.Find(size, summary.IncludeUsage) is not { } events)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var hold = context.Request.Headers.ContainsKey(HoldHeader);
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        for (var i = 0; i < events.Length; i++)
        {
            if (hold && i == events.Length / 2)
            {
                await Gate.ArriveAndWaitAsync(cancellationToken);
            }

            await context.Response.Body.WriteAsync(events[i], cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }
    }

    private async Task MessagesAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;

        // 1. The provider key, as Anthropic checks it: proves KeyMeter put it in x-api-key; the version it requires.
        if (!string.Equals(context.Request.Headers["x-api-key"].ToString(), _providerKey, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (string.IsNullOrEmpty(context.Request.Headers["anthropic-version"].ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // 2. The body, read whole as the API does, and its top-level members; only non-streaming calls are served.
        var (body, _) = await RequestBody.ReadAsync(context.Request, MaxRequestBytes, Bodies, cancellationToken);
        using var owned = body;
        var summary = body is null ? null : RequestInspector.Inspect(body.Memory.Span, out _);
        if (summary is null || summary.Stream)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // 3. One JSON message with its length.
        foreach (var (name, value) in MessagesPayloads.ResponseHeaders)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = MessagesPayloads.Message.Length;
        await context.Response.Body.WriteAsync(MessagesPayloads.Message, cancellationToken);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
