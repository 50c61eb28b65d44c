using System.Buffers;
using KeyMeter.Core.Proxy.Translation;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// A streamed answer that changes shape on the way: the provider's events upstream (Responses for Cursor's GPT-5
/// requests, Anthropic Messages for Claude on <c>/v1</c>), Chat Completions chunks to the client.
/// </summary>
internal sealed class ChatStreamTransform(ChatStreamTranslator translator) : IResponseTransform, IDisposable
{
    public string? ContentType => "text/event-stream; charset=utf-8";

    public void Transform(ReadOnlySpan<byte> upstream, IBufferWriter<byte> client) => translator.Translate(upstream, client);

    public void Complete(IBufferWriter<byte> client) => translator.Complete(client);

    public void Dispose() => translator.Dispose();
}
