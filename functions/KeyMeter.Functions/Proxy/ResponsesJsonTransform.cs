using System.Buffers;
using KeyMeter.Core.Proxy.Translation;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Cursor's GPT-5 quirk, non-streaming: one Responses object becomes one <c>chat.completion</c>. Translation needs the
/// whole object, so this one transform holds the (small, capped) body; it is used only for that rare case.
/// </summary>
internal sealed class ResponsesJsonTransform : IResponseTransform
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
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
        if (_tooLarge || ResponsesToChatJsonTranslator.Translate(_body.WrittenSpan, client) == ResponsesTranslationOutcome.Malformed)
        {
            client.Write("""{"error":{"message":"KeyMeter could not translate the provider's answer.","type":"server_error","param":null,"code":"translation_failed"}}"""u8);
        }
    }
}
