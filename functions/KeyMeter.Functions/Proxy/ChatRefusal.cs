using System.Globalization;
using System.Text.Json;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// A budget or allow-list refusal written as the assistant's answer (HTTP 200, <c>finish_reason: stop</c>), for clients
/// that hide error bodies: Cursor shows any 429 as "User API Key Rate limit exceeded", so a developer would never learn
/// which budget ran out. The text says which limit, how much is spent, when it resets and whom to ask; an agent reads
/// a finished answer with no tool call and stops, instead of retrying into the same refusal. The trade-off: the client
/// sees a success, so its own error handling and retry logic never run (README, Providers and model routing). Nothing
/// was sent upstream and nothing is metered; the response carries <c>X-KeyMeter-Refusal</c> with the error code.
/// </summary>
internal static class ChatRefusal
{
    public const string Header = "X-KeyMeter-Refusal";

    private static readonly byte[] EventStart = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>Whether <paramref name="problem"/> on <paramref name="route"/> is answered as a chat message.</summary>
    public static bool Applies(HttpRequest request, ProxyRoute route, ProxyProblem problem, RefusalsInChat mode) =>
        problem.ChatText is not null
        && route.Api == Core.Metering.ApiFormat.ChatCompletions
        && mode switch
        {
            RefusalsInChat.Always => true,
            RefusalsInChat.Cursor => IsCursor(request),
            _ => false,
        };

    /// <summary>Cursor's requests carry a <c>Cursor/&lt;version&gt;</c> product in their User-Agent.</summary>
    public static bool IsCursor(HttpRequest request) =>
        request.Headers.UserAgent.ToString().Contains("Cursor/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text a developer reads: the refusal, whom to ask, and that retrying will not help.</summary>
    public static string TextOf(ProxyProblem problem, string contact) =>
        $"⛔ KeyMeter: {problem.ChatText} Ask {contact} if you need more. This message comes from KeyMeter, not the model; retrying will not help until then.";

    public static async Task WriteAsync(HttpContext context, ProxyProblem problem, string contact, string? model, bool stream, bool includeUsage, DateTimeOffset now)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers[Header] = problem.Code;
        var text = TextOf(problem, contact);
        var id = "chatcmpl-keymeter-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var created = now.ToUnixTimeSeconds();
        if (!stream)
        {
            response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(response.Body);
            WriteCompletion(json, id, created, model, text);
            await json.FlushAsync(context.RequestAborted);
            return;
        }

        response.ContentType = "text/event-stream; charset=utf-8";
        await WriteEventAsync(context, json => WriteChunk(json, id, created, model, delta: text, finish: null));
        await WriteEventAsync(context, json => WriteChunk(json, id, created, model, delta: null, finish: "stop"));
        if (includeUsage)
        {
            await WriteEventAsync(context, json => WriteUsageChunk(json, id, created, model));
        }

        await response.Body.WriteAsync(Done, context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var body = context.Response.Body;
        await body.WriteAsync(EventStart, context.RequestAborted);
        await using (var json = new Utf8JsonWriter(body))
        {
            write(json);
            await json.FlushAsync(context.RequestAborted);
        }

        await body.WriteAsync(EventEnd, context.RequestAborted);
    }

    private static void WriteCompletion(Utf8JsonWriter json, string id, long created, string? model, string text)
    {
        Head(json, id, "chat.completion", created, model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        json.WriteString("content", text);
        json.WriteEndObject();
        json.WriteString("finish_reason", "stop");
        json.WriteEndObject();
        json.WriteEndArray();
        Usage(json);
        json.WriteEndObject();
    }

    private static void WriteChunk(Utf8JsonWriter json, string id, long created, string? model, string? delta, string? finish)
    {
        Head(json, id, "chat.completion.chunk", created, model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        if (delta is not null)
        {
            json.WriteString("role", "assistant");
            json.WriteString("content", delta);
        }

        json.WriteEndObject();
        if (finish is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finish);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteUsageChunk(Utf8JsonWriter json, string id, long created, string? model)
    {
        Head(json, id, "chat.completion.chunk", created, model);
        json.WriteStartArray("choices");
        json.WriteEndArray();
        Usage(json);
        json.WriteEndObject();
    }

    private static void Head(Utf8JsonWriter json, string id, string kind, long created, string? model)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", kind);
        json.WriteNumber("created", created);
        json.WriteString("model", model ?? "keymeter");
    }

    /// <summary>Nothing reached a provider: no tokens.</summary>
    private static void Usage(Utf8JsonWriter json)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", 0);
        json.WriteNumber("completion_tokens", 0);
        json.WriteNumber("total_tokens", 0);
        json.WriteEndObject();
    }
}
