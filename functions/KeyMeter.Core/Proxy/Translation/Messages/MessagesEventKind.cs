namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// The Anthropic stream events (https://docs.anthropic.com/en/docs/build-with-claude/streaming) that produce Chat
/// Completions output; every other event (<c>ping</c>, <c>content_block_stop</c>, newer ones) is <see cref="Other"/>.
/// </summary>
internal enum MessagesEventKind : byte
{
    Other,
    MessageStart,
    ContentBlockStart,
    ContentBlockDelta,
    MessageDelta,
    MessageStop,
    Error,
}
