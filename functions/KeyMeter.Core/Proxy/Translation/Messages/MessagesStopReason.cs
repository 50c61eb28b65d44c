namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// An Anthropic <c>stop_reason</c> (https://docs.anthropic.com/en/api/messages); <see cref="MessagesStopReasons"/> maps
/// it to a Chat Completions <c>finish_reason</c>.
/// </summary>
internal enum MessagesStopReason : byte
{
    /// <summary>Absent or null (a stream that has not said yet).</summary>
    None,
    EndTurn,
    StopSequence,
    MaxTokens,
    ToolUse,
    PauseTurn,
    Refusal,
    ContextWindowExceeded,

    /// <summary>A reason newer than this code.</summary>
    Other,
}
