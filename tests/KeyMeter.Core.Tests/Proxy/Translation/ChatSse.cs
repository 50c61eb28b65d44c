using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyMeter.Core.Proxy.Translation;
using KeyMeter.Core.Tests.Metering;

namespace KeyMeter.Core.Tests.Proxy.Translation;

/// <summary>Feeds a translator upstream bytes in chunks and reads back what the client would receive.</summary>
internal static class ChatSse
{
    public static string Translate(string upstream, int chunkSize, bool includeUsage, Action<ResponsesToChatStreamTranslator>? inspect = null)
    {
        var translator = new ResponsesToChatStreamTranslator(includeUsage);
        var output = new ArrayBufferWriter<byte>();
        foreach (var chunk in MeterRunner.Chunks(Encoding.UTF8.GetBytes(upstream), chunkSize))
        {
            translator.Translate(chunk.Span, output);
        }

        translator.Complete(output);
        inspect?.Invoke(translator);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>
    /// The payload of each event, checking the framing on the way: every event is one <c>data:</c> line and a blank
    /// line, the last is <c>[DONE]</c>, and every other payload is a JSON object.
    /// </summary>
    public static IReadOnlyList<JsonElement> Payloads(string sse)
    {
        var events = sse.Split("\n\n");
        Assert.Equal(string.Empty, events[^1]);
        Assert.Equal("data: [DONE]", events[^2]);
        var payloads = new List<JsonElement>();
        foreach (var e in events[..^2])
        {
            Assert.StartsWith("data: {", e, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e);
            using var document = JsonDocument.Parse(e["data: ".Length..]);
            payloads.Add(document.RootElement.Clone());
        }

        return payloads;
    }
}
