using System.Text;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Chat Completions requests and responses shaped like OpenAI's (documented fields, realistic ids and headers),
/// built once as bytes so that producing them costs the upstream nothing per call.
/// </summary>
internal static class ChatPayloads
{
    public const string Model = "gpt-5-mini-2025-08-07";

    private const string ChunkHead = $$"""{"id":"chatcmpl-CbXqXGm1uTzq6H9xkqYVZ0R3dN2pE","object":"chat.completion.chunk","created":1763800000,"model":"{{Model}}","service_tier":"default","system_fingerprint":null,""";
    private const string Usage = """{"prompt_tokens":31,"completion_tokens":48,"total_tokens":79,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""";
    private const string Words = "the quick brown fox jumps over the lazy dog while the proxy meters every token it sees ";

    /// <summary>A small chat: a system line, a user line, a short answer asked for.</summary>
    public static byte[] Request(bool stream, string model = "gpt-5-mini") => Encoding.UTF8.GetBytes(
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise assistant.\"},"
        + "{\"role\":\"user\",\"content\":\"Say hello in one short sentence.\"}],"
        + (stream ? "\"stream\":true," : string.Empty)
        + "\"max_completion_tokens\":64}");

    /// <summary>A complete, non-streamed answer.</summary>
    public static byte[] Completion { get; } = Encoding.UTF8.GetBytes($$"""
        {"id":"chatcmpl-CbXqXGm1uTzq6H9xkqYVZ0R3dN2pE","object":"chat.completion","created":1763800000,"model":"{{Model}}","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! It is nice to meet you.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{{Usage}},"service_tier":"default","system_fingerprint":null}
        """);

    /// <summary>Whether <paramref name="body"/> is exactly the prebuilt <see cref="Completion"/>.</summary>
    public static bool IsCompletion(ReadOnlySpan<byte> body) => body.SequenceEqual(Completion);

    /// <summary>Headers OpenAI sends with every answer; the proxy copies each one.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; } =
    [
        new("x-request-id", "req_5d3c1f0a9b7e4c2d8f6a1b3c5d7e9f01"),
        new("openai-organization", "org-benchmark"),
        new("openai-processing-ms", "412"),
        new("openai-version", "2020-10-01"),
        new("x-ratelimit-limit-requests", "10000"),
        new("x-ratelimit-remaining-requests", "9999"),
        new("x-ratelimit-remaining-tokens", "9999921"),
    ];

    /// <summary>
    /// A streamed completion as events: the role chunk, <paramref name="contentEvents"/> content chunks of
    /// <paramref name="pieceBytes"/> characters, the finish chunk, the usage-only chunk when
    /// <paramref name="includeUsage"/> (as OpenAI sends for <c>stream_options.include_usage</c>), and <c>[DONE]</c>.
    /// </summary>
    public static byte[][] Stream(int contentEvents, int pieceBytes, bool includeUsage)
    {
        var usageField = includeUsage ? ",\"usage\":null" : string.Empty;
        var events = new List<byte[]>
        {
            Event($"{ChunkHead}\"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}},\"logprobs\":null,\"finish_reason\":null}}]{usageField}}}"),
        };
        for (var i = 0; i < contentEvents; i++)
        {
            events.Add(Event($"{ChunkHead}\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{Piece(i * pieceBytes, pieceBytes)}\"}},\"logprobs\":null,\"finish_reason\":null}}]{usageField}}}"));
        }

        events.Add(Event($"{ChunkHead}\"choices\":[{{\"index\":0,\"delta\":{{}},\"logprobs\":null,\"finish_reason\":\"stop\"}}]{usageField}}}"));
        if (includeUsage)
        {
            events.Add(Event($"{ChunkHead}\"choices\":[],\"usage\":{Usage}}}"));
        }

        events.Add(Encoding.UTF8.GetBytes("data: [DONE]\n\n"));
        return [.. events];
    }

    /// <summary>Bytes of one content event around its text, to size events to a target.</summary>
    public static int ContentEventOverhead(bool includeUsage) => Stream(1, 0, includeUsage)[1].Length;

    private static byte[] Event(string json) => Encoding.UTF8.GetBytes("data: " + json + "\n\n");

    private static string Piece(int start, int length)
    {
        var piece = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            piece.Append(Words[(start + i) % Words.Length]);
        }

        return piece.ToString();
    }
}
