using KeyMeter.Core.Aggregation;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// Counters as the reports show them: every token bucket, the total, and money as JSON numbers with every decimal
/// digit (System.Text.Json writes a decimal exactly). Only written, never read, so it has no public constructor.
/// </summary>
internal class CountersResponse
{
    internal CountersResponse(AggregateCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        Requests = counters.Requests;
        InputTokens = counters.InputTokens;
        CachedInputTokens = counters.CachedInputTokens;
        CacheWrite5mTokens = counters.CacheWrite5mTokens;
        CacheWrite1hTokens = counters.CacheWrite1hTokens;
        OutputTokens = counters.OutputTokens;
        ReasoningTokens = counters.ReasoningTokens;
        TotalTokens = counters.TotalTokens;
        CostUsd = counters.CostUsd;
        CursorFeeUsd = counters.CursorFeeUsd;
        EstimatedRequests = counters.EstimatedRequests;
        UnpricedRequests = counters.UnpricedRequests;
    }

    public long Requests { get; }

    public long InputTokens { get; }

    public long CachedInputTokens { get; }

    public long CacheWrite5mTokens { get; }

    public long CacheWrite1hTokens { get; }

    public long OutputTokens { get; }

    public long ReasoningTokens { get; }

    public long TotalTokens { get; }

    public decimal CostUsd { get; }

    public decimal CursorFeeUsd { get; }

    public long EstimatedRequests { get; }

    public long UnpricedRequests { get; }
}
