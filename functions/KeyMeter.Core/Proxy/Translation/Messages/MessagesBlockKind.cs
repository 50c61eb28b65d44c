namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>The <c>type</c> of an Anthropic response content block, as far as translation cares.</summary>
internal enum MessagesBlockKind : byte
{
    Other,
    Text,
    ToolUse,
}
