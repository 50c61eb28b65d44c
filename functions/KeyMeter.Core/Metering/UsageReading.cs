namespace KeyMeter.Core.Metering;

/// <summary>The usage of one upstream response as a <see cref="IUsageMeter"/> read it.</summary>
/// <param name="Usage">The tokens in disjoint billing buckets.</param>
/// <param name="Model">The model the provider reported, when it did.</param>
/// <param name="Estimated">
/// <see langword="true"/> when any count is not the provider's own (client abort, upstream cut, usage missing);
/// such a record must be flagged, never passed off as exact (BerriAI/litellm#36083 fell back to estimates silently).
/// </param>
/// <param name="ProviderRequestId">The provider's id of the response (<c>chatcmpl-…</c>, <c>resp_…</c>, <c>msg_…</c>).</param>
public sealed record UsageReading(TokenUsage Usage, string? Model, bool Estimated, string? ProviderRequestId)
{
    /// <summary>
    /// Output estimated from the bytes of generated text seen: about four bytes per token for English text and
    /// code, the rule of thumb OpenAI documents (https://help.openai.com/en/articles/4936856).
    /// </summary>
    internal static long EstimateOutputTokens(long textBytes) => textBytes <= 0 ? 0 : (textBytes + 3) / 4;

    internal static UsageReading Estimate(long inputTokens, long outputTokens, string? model, string? id) =>
        new(new TokenUsage(inputTokens, 0, 0, 0, outputTokens, 0), model, true, id);
}
