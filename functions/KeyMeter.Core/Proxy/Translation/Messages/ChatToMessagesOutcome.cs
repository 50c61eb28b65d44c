namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// What <see cref="ChatToMessagesRequest.Translate"/> did: either <see cref="Error"/> (answer 400, discard the
/// output), or a body was written, with what the caller needs from it: whether the client asked to stream and for
/// <c>stream_options.include_usage</c> (the Messages stream always carries usage; only the Chat client's usage chunk
/// depends on it), the <c>max_tokens</c> sent (the call's output ceiling) and the thinking budget (0 when off).
/// </summary>
public readonly record struct ChatToMessagesOutcome(
    ChatRequestError? Error,
    bool Stream,
    bool IncludeUsage,
    int MaxTokens,
    int ThinkingBudgetTokens)
{
    public bool Succeeded => Error is null;

    internal static ChatToMessagesOutcome Failed(ChatRequestError error) => new(error, false, false, 0, 0);
}
