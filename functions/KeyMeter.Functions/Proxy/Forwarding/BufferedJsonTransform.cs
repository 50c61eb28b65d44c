using System.Buffers;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>Translates a whole JSON body held in <paramref name="body"/>; false when it could not.</summary>
internal delegate bool JsonBodyTranslation(ReadOnlySpan<byte> body, IBufferWriter<byte> client);

/// <summary>
/// A translated answer that is one JSON object (a non-streamed completion, an error): translation needs the whole
/// object, so this transform holds the body, up to <see cref="MaxBodyBytes"/>, and writes the translation at the end.
/// Used only where an answer changes shape (Cursor's Responses-shaped requests, Claude on <c>/v1</c>); streams are
/// translated event by event.
/// </summary>
/// <param name="expectedBytes">The answer's Content-Length when the provider sent one: the buffer is sized to it.</param>
internal sealed class BufferedJsonTransform(JsonBodyTranslation translate, long? expectedBytes) : IResponseTransform
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _body = new((int)Math.Clamp(expectedBytes ?? 4096, 256, MaxBodyBytes));
    private bool _tooLarge;

    public string? ContentType => "application/json";

    public void Transform(ReadOnlySpan<byte> upstream, IBufferWriter<byte> client)
    {
        if (_body.WrittenCount + upstream.Length > MaxBodyBytes)
        {
            _tooLarge = true;
            return;
        }

        _body.Write(upstream);
    }

    public void Complete(IBufferWriter<byte> client)
    {
        if (_tooLarge || !translate(_body.WrittenSpan, client))
        {
            client.Write("""{"error":{"message":"KeyMeter could not translate the provider's answer.","type":"server_error","param":null,"code":"translation_failed"}}"""u8);
        }
    }
}
