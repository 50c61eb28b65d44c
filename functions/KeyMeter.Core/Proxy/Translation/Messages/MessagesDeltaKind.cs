namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// The <c>delta.type</c> of a <c>content_block_delta</c>, as far as translation cares: thinking, signature and
/// citation deltas are <see cref="Other"/>.
/// </summary>
internal enum MessagesDeltaKind : byte
{
    Other,

    /// <summary><c>text_delta</c>: <c>delta.text</c>.</summary>
    Text,

    /// <summary><c>input_json_delta</c>: <c>delta.partial_json</c>, a piece of a tool call's input.</summary>
    InputJson,
}
