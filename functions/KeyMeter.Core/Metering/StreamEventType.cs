namespace KeyMeter.Core.Metering;

/// <summary>
/// The stream events the meters act on, from the SSE <c>event:</c> name or the payload's <c>type</c>.
/// Responses: https://platform.openai.com/docs/api-reference/responses-streaming;
/// Anthropic: https://docs.anthropic.com/en/docs/build-with-claude/streaming.
/// </summary>
internal enum StreamEventType : byte
{
    Other,

    /// <summary><c>error</c>, in both Responses and Anthropic streams.</summary>
    Error,
    ResponseCompleted,
    ResponseIncomplete,
    ResponseFailed,

    /// <summary>A Responses delta of generated text: output text, refusal, reasoning or tool-call arguments.</summary>
    ResponseTextDelta,
    MessageStart,
    MessageDelta,
    MessageStop,
    ContentBlockDelta,
}
