namespace KeyMeter.Core.Proxy.Translation;

/// <summary>Maps how a Responses API response ended to a Chat Completions <c>finish_reason</c>.</summary>
internal static class ChatFinishReason
{
    /// <summary>
    /// An incomplete response wins over tool calls: a call cut off by <c>max_output_tokens</c> has broken
    /// arguments, and <c>length</c> tells the client not to run it, as Chat Completions itself does.
    /// </summary>
    public static ReadOnlySpan<byte> Of(ResponseStatus status, IncompleteReason reason, bool hasToolCalls)
    {
        if (status == ResponseStatus.Incomplete)
        {
            return reason == IncompleteReason.ContentFilter ? "content_filter"u8 : "length"u8;
        }

        return hasToolCalls ? "tool_calls"u8 : "stop"u8;
    }
}
