using System.Buffers;
using KeyMeter.Core.Proxy.Translation.Messages;

namespace KeyMeter.Functions.Proxy;

/// <summary>Claude on <c>/v1</c>, streaming: Anthropic Messages events upstream, Chat Completions chunks to the client.</summary>
internal sealed class MessagesStreamTransform(long created, bool includeUsage) : IResponseTransform, IDisposable
{
    private readonly MessagesToChatStreamTranslator _translator = new(created, includeUsage);

    public string? ContentType => "text/event-stream; charset=utf-8";

    public void Transform(ReadOnlySpan<byte> upstream, IBufferWriter<byte> client) => _translator.Translate(upstream, client);

    public void Complete(IBufferWriter<byte> client) => _translator.Complete(client);

    public void Dispose() => _translator.Dispose();
}
