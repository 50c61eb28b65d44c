using System.Diagnostics.CodeAnalysis;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// What a set of usage records adds up to: requests, tokens by billing bucket, cost and Cursor fee at full decimal
/// precision (addition of decimals is exact, so the order records arrive in never changes a total), and how many of the
/// records were estimated or unpriced. All arithmetic is checked: a sum that does not fit throws instead of wrapping.
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
    /// <summary>
    /// Largest count (requests or tokens of one bucket) one stored entry may hold, either way: 2^53, the largest whole
    /// number a JSON reader in JavaScript keeps exactly. Sums of a few hundred such entries still fit a long.
    /// </summary>
    public const long MaxCount = 1L << 53;

    /// <summary>Largest amount of US dollars (cost or Cursor fee) one stored entry may hold, either way.</summary>
    public const decimal MaxUsd = 1_000_000_000_000m;

    public static AggregateCounters Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0m, 0m, 0, 0);

    /// <summary>
    /// When the earliest of the counted calls started, to the second; kept only in the entries of the session dimension
    /// (<see cref="AggregateDimension.Session"/>), null elsewhere. Adding keeps the earlier.
    /// </summary>
    public DateTimeOffset? FirstAt { get; init; }

    /// <summary>When the latest of the counted calls ended, to the second; like <see cref="FirstAt"/>. Adding keeps the later.</summary>
    public DateTimeOffset? LastAt { get; init; }

    /// <summary>These counters with the span of <paramref name="first"/> to <paramref name="last"/>, truncated to whole seconds.</summary>
    public AggregateCounters Spanning(DateTimeOffset first, DateTimeOffset last) =>
        this with { FirstAt = WholeSeconds(first), LastAt = WholeSeconds(last < first ? first : last) };

    /// <summary>Every input token, however it was billed.</summary>
    /// <exception cref="OverflowException">The sum does not fit a long (only counters far outside <see cref="MaxCount"/> can do that).</exception>
    public long TotalInputTokens => checked(InputTokens + CachedInputTokens + CacheWrite5mTokens + CacheWrite1hTokens);

    /// <exception cref="OverflowException">The sum does not fit a long.</exception>
    public long TotalTokens => checked(TotalInputTokens + OutputTokens);

    /// <summary>Whether every count is within ±<see cref="MaxCount"/> and every amount within ±<see cref="MaxUsd"/>: what a stored entry may hold.</summary>
    public bool IsWithinBounds =>
        Count(Requests) && Count(InputTokens) && Count(CachedInputTokens) && Count(CacheWrite5mTokens) && Count(CacheWrite1hTokens)
        && Count(OutputTokens) && Count(ReasoningTokens) && Count(EstimatedRequests) && Count(UnpricedRequests)
        && Math.Abs(CostUsd) <= MaxUsd && Math.Abs(CursorFeeUsd) <= MaxUsd;

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

    /// <summary>
    /// What <paramref name="record"/> adds to an entry of <paramref name="dimension"/>: <see cref="Of(UsageRecord)"/>,
    /// with the call's span in the session dimension (a reversal takes counts away but no moment, so it has none).
    /// </summary>
    public static AggregateCounters Of(UsageRecord record, AggregateDimension dimension) =>
        dimension == AggregateDimension.Session ? Spanned(record, Of(record)) : Of(record);

    /// <summary><paramref name="counters"/> (the record's own) with the record's span, unless it is a reversal.</summary>
    internal static AggregateCounters Spanned(UsageRecord record, AggregateCounters counters) =>
        record.Charge == UsageCharges.Reversal
            ? counters
            : counters.Spanning(record.StartedAt, record.StartedAt.AddMilliseconds(Math.Max(0, record.LatencyMs)));

    /// <summary>
    /// The sum, when both counters and the sum are within bounds (<see cref="IsWithinBounds"/>); false otherwise. Two
    /// counters within bounds can always be added without overflowing, so this never throws.
    /// </summary>
    public bool TryAdd(AggregateCounters other, [NotNullWhen(true)] out AggregateCounters? sum)
    {
        ArgumentNullException.ThrowIfNull(other);
        sum = IsWithinBounds && other.IsWithinBounds ? Add(other) : null;
        if (sum is { IsWithinBounds: false })
        {
            sum = null;
        }

        return sum is not null;
    }

    /// <exception cref="OverflowException">A sum does not fit its type.</exception>
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
            checked(UnpricedRequests + other.UnpricedRequests))
        {
            FirstAt = Earlier(FirstAt, other.FirstAt),
            LastAt = Later(LastAt, other.LastAt),
        };
    }

    /// <summary>
    /// What is left after taking <paramref name="other"/> away (a report's "untagged" remainder, a reversal). The span
    /// stays this one's: a first or last moment cannot be taken away.
    /// </summary>
    /// <exception cref="OverflowException">A difference does not fit its type.</exception>
    public AggregateCounters Subtract(AggregateCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AggregateCounters(
            checked(Requests - other.Requests),
            checked(InputTokens - other.InputTokens),
            checked(CachedInputTokens - other.CachedInputTokens),
            checked(CacheWrite5mTokens - other.CacheWrite5mTokens),
            checked(CacheWrite1hTokens - other.CacheWrite1hTokens),
            checked(OutputTokens - other.OutputTokens),
            checked(ReasoningTokens - other.ReasoningTokens),
            CostUsd - other.CostUsd,
            CursorFeeUsd - other.CursorFeeUsd,
            checked(EstimatedRequests - other.EstimatedRequests),
            checked(UnpricedRequests - other.UnpricedRequests))
        {
            FirstAt = FirstAt,
            LastAt = LastAt,
        };
    }

    private static bool Count(long value) => value is >= -MaxCount and <= MaxCount;

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
