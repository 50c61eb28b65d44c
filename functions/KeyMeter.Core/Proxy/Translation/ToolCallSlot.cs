namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// A tool call announced in a Responses stream: its <c>output_index</c> and escaped <c>item_id</c>, by which its
/// argument deltas find it. Its position among the announced calls is its Chat Completions <c>tool_calls[].index</c>.
/// </summary>
internal readonly record struct ToolCallSlot(int OutputIndex, byte[] ItemId);
