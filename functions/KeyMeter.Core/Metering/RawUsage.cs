namespace KeyMeter.Core.Metering;

/// <summary>
/// A provider's usage counts as it wrote them, each absent until seen. OpenAI's Chat names
/// (<c>prompt_tokens</c>, <c>completion_tokens</c>) and the Responses / Anthropic names (<c>input_tokens</c>,
/// <c>output_tokens</c>) share slots; <see cref="ToTokenUsage"/> applies each provider's convention.
/// </summary>
internal sealed class RawUsage
{
    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    /// <summary>OpenAI <c>prompt_tokens_details.cached_tokens</c> / <c>input_tokens_details.cached_tokens</c>.</summary>
    public long? CachedTokens { get; set; }

    /// <summary>OpenAI <c>completion_tokens_details.reasoning_tokens</c> / <c>output_tokens_details.reasoning_tokens</c>.</summary>
    public long? ReasoningTokens { get; set; }

    public long? CacheReadInputTokens { get; set; }

    public long? CacheCreationInputTokens { get; set; }

    public long? Ephemeral5mInputTokens { get; set; }

    public long? Ephemeral1hInputTokens { get; set; }

    public bool HasAny =>
        InputTokens.HasValue || OutputTokens.HasValue || CachedTokens.HasValue || ReasoningTokens.HasValue
        || CacheReadInputTokens.HasValue || CacheCreationInputTokens.HasValue
        || Ephemeral5mInputTokens.HasValue || Ephemeral1hInputTokens.HasValue;

    public void Clear()
    {
        InputTokens = OutputTokens = CachedTokens = ReasoningTokens = null;
        CacheReadInputTokens = CacheCreationInputTokens = Ephemeral5mInputTokens = Ephemeral1hInputTokens = null;
    }

    /// <summary>Replaces every count with <paramref name="other"/>'s (a later usage object supersedes an earlier one).</summary>
    public void CopyFrom(RawUsage other)
    {
        Clear();
        MergeLatest(other);
    }

    /// <summary>
    /// Takes every count <paramref name="other"/> carries and keeps the rest: Anthropic's <c>message_delta</c> usage is
    /// cumulative, so its values replace earlier ones and are never added
    /// (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
    /// </summary>
    public void MergeLatest(RawUsage other)
    {
        InputTokens = other.InputTokens ?? InputTokens;
        OutputTokens = other.OutputTokens ?? OutputTokens;
        CachedTokens = other.CachedTokens ?? CachedTokens;
        ReasoningTokens = other.ReasoningTokens ?? ReasoningTokens;
        CacheReadInputTokens = other.CacheReadInputTokens ?? CacheReadInputTokens;
        CacheCreationInputTokens = other.CacheCreationInputTokens ?? CacheCreationInputTokens;
        Ephemeral5mInputTokens = other.Ephemeral5mInputTokens ?? Ephemeral5mInputTokens;
        Ephemeral1hInputTokens = other.Ephemeral1hInputTokens ?? Ephemeral1hInputTokens;
    }

    /// <summary>
    /// Normalises to disjoint billing buckets, each provider by its own convention (mixing the two billed cache writes
    /// twice in BerriAI/litellm#9812).
    /// </summary>
    public TokenUsage ToTokenUsage(ApiFormat format) =>
        format == ApiFormat.AnthropicMessages ? ToAnthropic() : ToOpenAi(format);

    private TokenUsage ToOpenAi(ApiFormat format)
    {
        // OpenAI counts cached tokens inside prompt_tokens / input_tokens.
        var prompt = InputTokens ?? 0;
        var cached = Math.Min(CachedTokens ?? 0, prompt);
        if (format == ApiFormat.Embeddings)
        {
            return new TokenUsage(prompt - cached, cached, 0, 0, 0, 0);
        }

        return new TokenUsage(prompt - cached, cached, 0, 0, OutputTokens ?? 0, ReasoningTokens ?? 0);
    }

    private TokenUsage ToAnthropic()
    {
        // Anthropic counts cache reads and writes outside input_tokens. The cache_creation breakdown splits writes by
        // TTL; the total is preferred when both are present and disagree, as a later message_delta may update the
        // total but not the breakdown (BerriAI/litellm#42663). Writes the breakdown does not place in the 1-hour
        // bucket are 5-minute writes, the default TTL.
        long write5m;
        long write1h;
        if (CacheCreationInputTokens is { } total)
        {
            write1h = Math.Min(Ephemeral1hInputTokens ?? 0, total);
            write5m = total - write1h;
        }
        else
        {
            write5m = Ephemeral5mInputTokens ?? 0;
            write1h = Ephemeral1hInputTokens ?? 0;
        }

        return new TokenUsage(InputTokens ?? 0, CacheReadInputTokens ?? 0, write5m, write1h, OutputTokens ?? 0, 0);
    }
}
