using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>Reads a <c>stop_reason</c> and maps it to a Chat Completions <c>finish_reason</c>.</summary>
internal static class MessagesStopReasons
{
    /// <summary>Reads the string the reader stands on; anything else (null included) is <see cref="MessagesStopReason.None"/>.</summary>
    public static MessagesStopReason Read(ref Utf8JsonReader reader)
    {
        var reason = reader.TokenType != JsonTokenType.String ? MessagesStopReason.None
            : reader.ValueTextEquals("end_turn"u8) ? MessagesStopReason.EndTurn
            : reader.ValueTextEquals("stop_sequence"u8) ? MessagesStopReason.StopSequence
            : reader.ValueTextEquals("max_tokens"u8) ? MessagesStopReason.MaxTokens
            : reader.ValueTextEquals("tool_use"u8) ? MessagesStopReason.ToolUse
            : reader.ValueTextEquals("pause_turn"u8) ? MessagesStopReason.PauseTurn
            : reader.ValueTextEquals("refusal"u8) ? MessagesStopReason.Refusal
            : reader.ValueTextEquals("model_context_window_exceeded"u8) ? MessagesStopReason.ContextWindowExceeded
            : MessagesStopReason.Other;
        reader.Skip();
        return reason;
    }

    /// <summary>
    /// <c>end_turn</c>, <c>stop_sequence</c> and <c>pause_turn</c> (a server tool's long turn, paused: the answer so far
    /// is complete text) are <c>stop</c>; <c>max_tokens</c> and <c>model_context_window_exceeded</c> are <c>length</c>;
    /// <c>tool_use</c> is <c>tool_calls</c>; <c>refusal</c> (the safety classifiers stopped the answer) is
    /// <c>content_filter</c>. A missing or newer reason is <c>tool_calls</c> when the answer has tool calls, else
    /// <c>stop</c>.
    /// </summary>
    public static ReadOnlySpan<byte> ToChatFinishReason(this MessagesStopReason reason, bool hasToolCalls) => reason switch
    {
        MessagesStopReason.EndTurn or MessagesStopReason.StopSequence or MessagesStopReason.PauseTurn => "stop"u8,
        MessagesStopReason.MaxTokens or MessagesStopReason.ContextWindowExceeded => "length"u8,
        MessagesStopReason.ToolUse => "tool_calls"u8,
        MessagesStopReason.Refusal => "content_filter"u8,
        _ => hasToolCalls ? "tool_calls"u8 : "stop"u8,
    };
}
