using System.Globalization;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// The bounds of a usage record's numbers. Each is far above anything a real call produces and far below what a sum of
/// them could overflow: with at most <see cref="MaxTokensPerBucket"/> tokens per bucket, a month's row would need
/// about nine million such records on one value before it reached <see cref="AggregateCounters.MaxCount"/>. A record
/// outside them is kept as poison by <see cref="UsageRecordReader"/>, with a reason that names the field, never its
/// value.
/// </summary>
public static class UsageRecordBounds
{
    /// <summary>Most tokens in any one bucket of one record (input, cached input, each cache write, output, reasoning).</summary>
    public const long MaxTokensPerBucket = 1_000_000_000;

    /// <summary>
    /// Largest <c>costUsd</c> and <c>cursorFeeUsd</c> of one record, each. Cursor's ledger may carry a credit, so for
    /// Cursor records this bounds the amount either way; proxy records are never negative.
    /// </summary>
    public const decimal MaxUsdPerRecord = 1_000_000m;

    /// <summary>Longest <c>latencyMs</c>: one day.</summary>
    public const long MaxLatencyMs = 24L * 60 * 60 * 1000;

    /// <summary><c>status</c> is 0 (no response) or an HTTP status from 100 to 599.</summary>
    public const int MinStatus = 100;

    public const int MaxStatus = 599;

    private static readonly string TokenRange = MaxTokensPerBucket.ToString("N0", CultureInfo.InvariantCulture);
    private static readonly string UsdRange = MaxUsdPerRecord.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The first numeric field of <paramref name="record"/> out of its bound, or null when all are inside.</summary>
    public static string? Check(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Tokens is not { } tokens)
        {
            return "tokens are missing.";
        }

        if (FirstOutOfRange(tokens) is { } field)
        {
            return $"tokens.{field} must be a whole number from 0 to {TokenRange}.";
        }

        // Cursor's ledger may carry credits (a negative charge); what KeyMeter prices itself (proxy, agent telemetry) never is.
        var floor = record.Source == UsageSources.Cursor ? -MaxUsdPerRecord : 0m;
        if (record.CostUsd is { } cost && (cost < floor || cost > MaxUsdPerRecord))
        {
            return floor == 0m ? $"costUsd must be from 0 to {UsdRange}." : $"costUsd must be from -{UsdRange} to {UsdRange}.";
        }

        if (record.CursorFeeUsd < floor || record.CursorFeeUsd > MaxUsdPerRecord)
        {
            return floor == 0m ? $"cursorFeeUsd must be from 0 to {UsdRange}." : $"cursorFeeUsd must be from -{UsdRange} to {UsdRange}.";
        }

        if (record.LatencyMs is < 0 or > MaxLatencyMs)
        {
            return $"latencyMs must be from 0 to {MaxLatencyMs.ToString("N0", CultureInfo.InvariantCulture)} (one day).";
        }

        return record.Status is 0 or (>= MinStatus and <= MaxStatus) ? null : $"status must be 0 or from {MinStatus} to {MaxStatus}.";
    }

    private static string? FirstOutOfRange(TokenUsage tokens) =>
        !InRange(tokens.InputTokens) ? "inputTokens"
        : !InRange(tokens.CachedInputTokens) ? "cachedInputTokens"
        : !InRange(tokens.CacheWrite5mTokens) ? "cacheWrite5mTokens"
        : !InRange(tokens.CacheWrite1hTokens) ? "cacheWrite1hTokens"
        : !InRange(tokens.OutputTokens) ? "outputTokens"
        : !InRange(tokens.ReasoningTokens) ? "reasoningTokens"
        : null;

    private static bool InRange(long tokens) => tokens is >= 0 and <= MaxTokensPerBucket;
}
