namespace KeyMeter.Core.Metering;

/// <summary>
/// Tokens of one call in disjoint billing buckets, whatever the provider's own convention:
/// OpenAI counts cached tokens inside <c>prompt_tokens</c>, Anthropic counts cache reads and writes outside
/// <c>input_tokens</c>; both are normalised here so that every token is priced exactly once.
/// </summary>
/// <param name="InputTokens">Input billed at the full input rate (OpenAI: prompt minus cached; Anthropic: input_tokens).</param>
/// <param name="CachedInputTokens">Input read from the prompt cache.</param>
/// <param name="CacheWrite5mTokens">Input written to a 5-minute cache (Anthropic).</param>
/// <param name="CacheWrite1hTokens">Input written to a 1-hour cache (Anthropic).</param>
/// <param name="OutputTokens">All output, reasoning included.</param>
/// <param name="ReasoningTokens">The part of <paramref name="OutputTokens"/> spent on reasoning (informational; not billed twice).</param>
public sealed record TokenUsage(
    long InputTokens,
    long CachedInputTokens,
    long CacheWrite5mTokens,
    long CacheWrite1hTokens,
    long OutputTokens,
    long ReasoningTokens)
{
    public static TokenUsage Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Every input token, however it was billed.</summary>
    public long TotalInputTokens => InputTokens + CachedInputTokens + CacheWrite5mTokens + CacheWrite1hTokens;

    public long TotalTokens => TotalInputTokens + OutputTokens;
}
