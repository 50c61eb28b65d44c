namespace KeyMeter.Core.Proxy;

/// <summary>
/// What the proxy enforces and meters about a request body, read the way the provider reads it (escapes decoded,
/// duplicates refused). Holds no prompt text.
/// </summary>
/// <param name="Model">The <c>model</c> member, decoded; null when absent.</param>
/// <param name="Stream">The <c>stream</c> member (false when absent or null).</param>
/// <param name="IncludeUsage">Whether the client itself asked for <c>stream_options.include_usage</c>.</param>
/// <param name="StreamOptions">Where <c>stream_options</c> is; null when absent.</param>
/// <param name="MaxOutputTokens">
/// The largest of <c>max_tokens</c>, <c>max_completion_tokens</c> and <c>max_output_tokens</c> present: an upper bound
/// on the output whichever of them the provider honours.
/// </param>
/// <param name="Choices">How many completions one call generates (<c>n</c>, <c>best_of</c>); at least 1.</param>
/// <param name="HasMessages">Whether the body has <c>messages</c> (Chat Completions, Anthropic).</param>
/// <param name="HasInput">Whether the body has <c>input</c> (Responses shape; Cursor sends it to chat completions for GPT-5).</param>
/// <param name="UnboundedInput">
/// Why the input the provider bills cannot be bounded by the body's size (server-side state such as
/// <c>previous_response_id</c>, a stored prompt, a server-side tool, an image, audio or file part); null when it can.
/// </param>
/// <param name="ServiceTier">The <c>service_tier</c> member, when it is a string.</param>
/// <param name="Background">Whether the body asks for a background (asynchronous) response.</param>
/// <param name="OpeningBraceOffset">Offset of the body's opening <c>{</c>, where a member can be spliced in.</param>
/// <param name="ModelValue">Where the <c>model</c> string is, quotes included, so it can be replaced; null when absent.</param>
public sealed record RequestSummary(
    string? Model,
    bool Stream,
    bool IncludeUsage,
    StreamOptionsLocation? StreamOptions,
    long? MaxOutputTokens,
    long Choices,
    bool HasMessages,
    bool HasInput,
    string? UnboundedInput,
    string? ServiceTier,
    bool Background,
    int OpeningBraceOffset,
    BodyRange? ModelValue)
{
    /// <summary>Whether the body has a <c>stream_options</c> member at all.</summary>
    public bool HasStreamOptions => StreamOptions is not null;

    /// <summary>
    /// Anthropic's <c>metadata.user_id</c> when it is a string of at most 512 characters: where Claude Code names its
    /// session (<see cref="Agents.ClientSessions"/>). Never enforced on, only read.
    /// </summary>
    public string? MetadataUserId { get; init; }
}
