using System.Text;
using System.Text.Json;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Anthropic Messages requests and responses shaped like Anthropic's (documented fields, realistic ids and headers),
/// and the Chat Completions request a client sends KeyMeter for the same Claude call, built once as bytes so that
/// producing them costs the upstream nothing per call.
/// </summary>
internal static class MessagesPayloads
{
    public const string Model = "claude-sonnet-4-6";

    /// <summary>The Messages API version the direct client sends, as Anthropic's SDKs do.</summary>
    public const string Version = "2023-06-01";

    private const string Text = "Hello! It is nice to meet you.";
    private const string Usage = """{"input_tokens":24,"output_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}""";

    /// <summary>The small call sent to the Messages API directly: the same conversation as <see cref="ChatRequest"/>.</summary>
    public static byte[] Request { get; } = Encoding.UTF8.GetBytes(
        $$"""{"model":"{{Model}}","max_tokens":64,"system":"You are a concise assistant.","messages":[{"role":"user","content":"Say hello in one short sentence."}]}""");

    /// <summary>The same call as Chat Completions, for KeyMeter's <c>/v1/chat/completions</c> to translate.</summary>
    public static byte[] ChatRequest { get; } = ChatPayloads.Request(stream: false, model: Model);

    /// <summary>A complete, non-streamed answer of the Messages API.</summary>
    public static byte[] Message { get; } = Encoding.UTF8.GetBytes($$"""
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"{{Model}}","content":[{"type":"text","text":"{{Text}}"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{{Usage}}}
        """);

    /// <summary>Headers Anthropic sends with every answer.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; } =
    [
        new("request-id", "req_011CV3kq8mZ4Yy5wT2f9hGxJ"),
        new("anthropic-organization-id", "5f0c8a2e-7d4b-4c1e-9a3f-2b6d8e0f1a47"),
        new("anthropic-ratelimit-requests-limit", "4000"),
        new("anthropic-ratelimit-requests-remaining", "3999"),
        new("anthropic-ratelimit-input-tokens-limit", "2000000"),
        new("anthropic-ratelimit-input-tokens-remaining", "1999976"),
    ];

    /// <summary>Whether <paramref name="body"/> is exactly the prebuilt <see cref="Message"/>.</summary>
    public static bool IsMessage(ReadOnlySpan<byte> body) => body.SequenceEqual(Message);

    /// <summary>
    /// Whether <paramref name="body"/> is <see cref="Message"/> translated to Chat Completions: a
    /// <c>chat.completion</c> whose <c>choices[0].message.content</c> is the answer's text.
    /// </summary>
    public static bool IsTranslatedCompletion(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("object"u8, out var kind) && kind.ValueEquals("chat.completion"u8)
                && root.TryGetProperty("choices"u8, out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.String
                && content.ValueEquals(Text);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
