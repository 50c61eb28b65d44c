using System.Buffers;
using System.Text;
using KeyMeter.Core.Proxy.Translation.Messages;
using static KeyMeter.Core.Tests.Metering.MeteringFixtures;

namespace KeyMeter.Core.Tests.Proxy.Translation.Messages;

/// <summary>Anthropic stream events shaped as https://docs.anthropic.com/en/docs/build-with-claude/streaming shows them.</summary>
internal static class MessagesStreamFixtures
{
    public const long Created = 1761230400;

    public const string Id = "msg_01XFDUDYJgAACzvnptvVoYEL";

    public const string Model = "claude-sonnet-4-5-20250929";

    public static readonly string Start = Event(
        "message_start",
        $$$$"""{"type":"message_start","message":{"id":"{{{{Id}}}}","type":"message","role":"assistant","model":"{{{{Model}}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":3000,"cache_read_input_tokens":12000,"cache_creation":{"ephemeral_5m_input_tokens":3000,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard"}}}""");

    public static readonly string Ping = Event("ping", """{"type": "ping"}""");

    public static readonly string Thinking =
        Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"I need to read both files."}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}""")
        + Event("content_block_stop", """{"type":"content_block_stop","index":0}""");

    public static string Stop => Event("message_stop", """{"type":"message_stop"}""");

    public static string TextBlock(int index, params string[] rawDeltas) =>
        Event("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"text","text":""}}""")
        + string.Concat(rawDeltas.Select(d => Event("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"text_delta","text":{{{d}}}}}""")))
        + Event("content_block_stop", $$$"""{"type":"content_block_stop","index":{{{index}}}}""");

    public static string ToolUseStart(int index, string id, string name) =>
        Event("content_block_start", $$$$"""{"type":"content_block_start","index":{{{{index}}}},"content_block":{"type":"tool_use","id":"{{{{id}}}}","name":"{{{{name}}}}","input":{}}}""");

    public static string InputJson(int index, string rawPartialJson) =>
        Event("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"input_json_delta","partial_json":{{{rawPartialJson}}}}}""");

    public static string BlockStop(int index) => Event("content_block_stop", $$$"""{"type":"content_block_stop","index":{{{index}}}}""");

    public static string Delta(string stopReason, string usage = """{"output_tokens":120}""") =>
        Event("message_delta", $$$"""{"type":"message_delta","delta":{"stop_reason":"{{{stopReason}}}","stop_sequence":null},"usage":{{{usage}}}}""");

    /// <summary>Translates the upstream, handed over in the pieces given.</summary>
    public static string Translate(IEnumerable<ReadOnlyMemory<byte>> pieces, bool includeUsage)
    {
        using var translator = new MessagesToChatStreamTranslator(Created, includeUsage);
        var output = new ArrayBufferWriter<byte>();
        foreach (var piece in pieces)
        {
            translator.Translate(piece.Span, output);
        }

        translator.Complete(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static string Translate(string upstream, bool includeUsage) =>
        Translate([Encoding.UTF8.GetBytes(upstream)], includeUsage);

    /// <summary>The upstream split in two at <paramref name="offset"/> (which may fall inside a UTF-8 sequence).</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> SplitAt(byte[] upstream, int offset) =>
        [upstream.AsMemory(0, offset), upstream.AsMemory(offset)];
}
