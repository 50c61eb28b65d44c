using System.Text;
using System.Text.Json;
using KeyMeter.Functions.Tests.Proxy;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>
/// A loopback OpenAI and Anthropic that, like the real APIs, answer whatever reaches them: 400 in their error shape for a
/// body they cannot read, otherwise a completion (streamed when <c>"stream": true</c>). So a 5xx in the fuzz run is
/// KeyMeter's own, never the stand-in's.
/// </summary>
internal sealed class FuzzUpstream : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private int _calls;

    private FuzzUpstream(LoopbackServer server) => _server = server;

    public Uri BaseAddress => _server.BaseAddress;

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FuzzUpstream> StartAsync()
    {
        var upstream = new FuzzUpstream(new LoopbackServer());
        await upstream._server.StartAsync(app =>
        {
            app.MapGet("/v1/models", () => Results.Text("""{"object":"list","data":[{"id":"gpt-5","object":"model","created":1,"owned_by":"openai"}]}""", "application/json"));
            app.MapPost("/v1/chat/completions", context => upstream.AnswerAsync(context, stream => stream
                ? FakeProviderResponses.ChatChunks(["Hel", "lo"], includeUsage: true)
                : [FakeProviderResponses.ChatCompletion("Hello")]));
            app.MapPost("/v1/responses", context => upstream.AnswerAsync(context, stream => stream
                ? FakeProviderResponses.ResponseEvents(["H", "i"])
                : [FakeProviderResponses.Response("Hi")]));
            app.MapPost("/v1/messages", context => upstream.AnswerAsync(context, stream => stream
                ? FakeProviderResponses.AnthropicEvents(["Hel", "lo"])
                : [FakeProviderResponses.AnthropicMessage("Hello")]));
            app.MapPost("/v1/messages/count_tokens", context => upstream.AnswerAsync(context, _ => ["""{"input_tokens":12}"""]));
            app.MapFallback(context => WriteAsync(context, 404, """{"error":{"message":"Not found","type":"invalid_request_error"}}"""));
        });
        return upstream;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task AnswerAsync(HttpContext context, Func<bool, IEnumerable<string>> answer)
    {
        Interlocked.Increment(ref _calls);
        bool stream;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            stream = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("stream", out var value)
                && value.ValueKind == JsonValueKind.True;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            await WriteAsync(context, 400, """{"error":{"message":"We could not parse the JSON body of your request.","type":"invalid_request_error","param":null,"code":null}}""");
            return;
        }

        if (!stream)
        {
            await WriteAsync(context, 200, answer(false).Single());
            return;
        }

        context.Response.ContentType = "text/event-stream; charset=utf-8";
        foreach (var item in answer(true))
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(item), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}
