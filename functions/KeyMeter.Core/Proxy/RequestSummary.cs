namespace KeyMeter.Core.Proxy;

/// <summary>
/// What the proxy needs to know about a request body before forwarding it: read from the top-level members only,
/// never keeping any prompt text.
/// </summary>
/// <param name="Model">The <c>model</c> member, or null when absent.</param>
/// <param name="Stream">The <c>stream</c> member (false when absent).</param>
/// <param name="HasStreamOptions">Whether the body has a <c>stream_options</c> member at all.</param>
/// <param name="IncludeUsage">Whether <c>stream_options.include_usage</c> is true.</param>
/// <param name="MaxOutputTokens">max_tokens, max_completion_tokens or max_output_tokens, whichever is present.</param>
/// <param name="HasMessages">Whether the body has <c>messages</c> (Chat Completions, Anthropic).</param>
/// <param name="HasInput">Whether the body has <c>input</c> (Responses API shape; Cursor sends it to chat completions for GPT-5).</param>
/// <param name="OpeningBraceOffset">Offset of the body's opening <c>{</c>, where a member can be spliced in.</param>
public sealed record RequestSummary(
    string? Model,
    bool Stream,
    bool HasStreamOptions,
    bool IncludeUsage,
    long? MaxOutputTokens,
    bool HasMessages,
    bool HasInput,
    int OpeningBraceOffset);
