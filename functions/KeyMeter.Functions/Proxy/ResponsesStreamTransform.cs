using System.Buffers;
using KeyMeter.Core.Proxy.Translation;

namespace KeyMeter.Functions.Proxy;

/// <summary>Cursor's GPT-5 quirk, streaming: Responses API events upstream, Chat Completions chunks to the client.</summary>
internal sealed class ResponsesStreamTransform(bool includeUsage) : IResponseTransform, IDisposable
{
    private readonly ResponsesToChatStreamTranslator _translator = new(includeUsage);

    public string? ContentType => "text/event-stream; charset=utf-8";

    public void Transform(ReadOnlySpan<byte> upstream, IBufferWriter<byte> client) => _translator.Translate(upstream, client);

    public void Complete(IBufferWriter<byte> client) => _translator.Complete(client);

    public void Dispose() => _translator.Dispose();
}
