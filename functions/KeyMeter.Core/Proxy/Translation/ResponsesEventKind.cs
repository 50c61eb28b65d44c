namespace KeyMeter.Core.Proxy.Translation;

/// <summary>The Responses stream events that produce Chat Completions output; every other event is <see cref="Other"/>.</summary>
internal enum ResponsesEventKind : byte
{
    Other,
    Created,
    InProgress,
    OutputTextDelta,
    RefusalDelta,
    OutputItemAdded,

    /// <summary><c>response.function_call_arguments.delta</c> or <c>response.custom_tool_call_input.delta</c>.</summary>
    ToolCallDelta,
    Completed,
    Incomplete,
    Failed,
    Error,
}
