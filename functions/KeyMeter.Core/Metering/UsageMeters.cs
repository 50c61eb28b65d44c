namespace KeyMeter.Core.Metering;

/// <summary>Creates the <see cref="IUsageMeter"/> for a response.</summary>
public static class UsageMeters
{
    /// <summary>A shared meter that ignores every chunk and reads zero usage, for responses that are not metered.</summary>
    public static IUsageMeter None => NullUsageMeter.Instance;

    /// <summary>Creates a meter for one upstream response.</summary>
    /// <param name="format">The API the request went to.</param>
    /// <param name="streaming">
    /// Whether the response is an event stream (<c>text/event-stream</c>); decide it from the response, as an error
    /// to a streaming request comes back as plain JSON. Embeddings never stream and always get the JSON meter.
    /// </param>
    /// <param name="estimatedInputTokens">
    /// The caller's estimate of the input tokens (e.g. from the request body size), used only when the provider
    /// reports no usage.
    /// </param>
    public static IUsageMeter Create(ApiFormat format, bool streaming, long estimatedInputTokens = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedInputTokens);
        if (!streaming || format == ApiFormat.Embeddings)
        {
            return Enum.IsDefined(format)
                ? new JsonBodyMeter(format, estimatedInputTokens)
                : throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown API format.");
        }

        return format switch
        {
            ApiFormat.ChatCompletions or ApiFormat.Completions => new ChatCompletionsStreamMeter(format, estimatedInputTokens),
            ApiFormat.Responses => new ResponsesStreamMeter(estimatedInputTokens),
            ApiFormat.AnthropicMessages => new AnthropicStreamMeter(estimatedInputTokens),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown API format."),
        };
    }

    /// <summary>
    /// A Chat Completions stream meter for a stream whose usage the proxy asked for on the client's behalf, with the
    /// filter that hides the usage-only chunk from the client again. One parse serves both: show every chunk to the
    /// meter, then to the filter.
    /// </summary>
    public static IUsageMeter CreateHidingUsage(ApiFormat format, long estimatedInputTokens, out UsageChunkFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedInputTokens);
        if (format is not (ApiFormat.ChatCompletions or ApiFormat.Completions))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Only Chat Completions and Completions streams carry a usage-only chunk.");
        }

        var meter = new ChatCompletionsStreamMeter(format, estimatedInputTokens, namesUsageOnlyEvents: true);
        filter = new UsageChunkFilter(meter);
        return meter;
    }
}
