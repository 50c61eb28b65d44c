using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// What a set of usage records adds up to: requests, tokens by billing bucket, cost and Cursor fee at full decimal
/// precision (addition of decimals is exact, so the order records arrive in never changes a total), and how many of the
/// records were estimated or unpriced.
/// </summary>
public sealed record AggregateCounters(
    long Requests,
    long InputTokens,
    long CachedInputTokens,
    long CacheWrite5mTokens,
    long CacheWrite1hTokens,
    long OutputTokens,
    long ReasoningTokens,
    decimal CostUsd,
    decimal CursorFeeUsd,
    long EstimatedRequests,
    long UnpricedRequests)
{
    public static AggregateCounters Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0m, 0m, 0, 0);

    /// <summary>Every input token, however it was billed.</summary>
    public long TotalInputTokens => InputTokens + CachedInputTokens + CacheWrite5mTokens + CacheWrite1hTokens;

    public long TotalTokens => TotalInputTokens + OutputTokens;

    /// <summary>
    /// One record's contribution: one request; an unpriced record adds no cost and counts as unpriced. A seat adds its
    /// cost without a request; a reversal takes away everything the record it repeats added.
    /// </summary>
    public static AggregateCounters Of(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tokens = record.Tokens;
        var counters = new AggregateCounters(
            Requests: record.Charge == UsageCharges.Seat ? 0 : 1,
            tokens.InputTokens,
            tokens.CachedInputTokens,
            tokens.CacheWrite5mTokens,
            tokens.CacheWrite1hTokens,
            tokens.OutputTokens,
            tokens.ReasoningTokens,
            record.CostUsd ?? 0m,
            record.CursorFeeUsd,
            record.Estimated ? 1 : 0,
            record.Unpriced || record.CostUsd is null ? 1 : 0);
        return record.Charge == UsageCharges.Reversal ? Zero.Subtract(counters) : counters;
    }

    public AggregateCounters Add(AggregateCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AggregateCounters(
            checked(Requests + other.Requests),
            checked(InputTokens + other.InputTokens),
            checked(CachedInputTokens + other.CachedInputTokens),
            checked(CacheWrite5mTokens + other.CacheWrite5mTokens),
            checked(CacheWrite1hTokens + other.CacheWrite1hTokens),
            checked(OutputTokens + other.OutputTokens),
            checked(ReasoningTokens + other.ReasoningTokens),
            CostUsd + other.CostUsd,
            CursorFeeUsd + other.CursorFeeUsd,
            checked(EstimatedRequests + other.EstimatedRequests),
            checked(UnpricedRequests + other.UnpricedRequests));
    }

    /// <summary>What is left after taking <paramref name="other"/> away (a report's "untagged" remainder).</summary>
    public AggregateCounters Subtract(AggregateCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AggregateCounters(
            Requests - other.Requests,
            InputTokens - other.InputTokens,
            CachedInputTokens - other.CachedInputTokens,
            CacheWrite5mTokens - other.CacheWrite5mTokens,
            CacheWrite1hTokens - other.CacheWrite1hTokens,
            OutputTokens - other.OutputTokens,
            ReasoningTokens - other.ReasoningTokens,
            CostUsd - other.CostUsd,
            CursorFeeUsd - other.CursorFeeUsd,
            EstimatedRequests - other.EstimatedRequests,
            UnpricedRequests - other.UnpricedRequests);
    }
}
