using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Tests.Aggregation;

public sealed class AggregateCountersTests
{
    private static AggregateCounters Input(long tokens) => AggregateCounters.Zero with { Requests = 1, InputTokens = tokens, CostUsd = 1m };

    [Fact]
    public void Add_SumBeyondLong_ThrowsInsteadOfWrapping()
    {
        Assert.Throws<OverflowException>(() => Input(long.MaxValue).Add(Input(1)));
        Assert.Throws<OverflowException>(() => Input(long.MinValue).Subtract(Input(1)));
        Assert.Throws<OverflowException>(() => AggregateCounters.Zero.Subtract(Input(long.MinValue)));
    }

    [Fact]
    public void TotalTokens_SumBeyondLong_ThrowsInsteadOfWrapping()
    {
        var counters = AggregateCounters.Zero with { InputTokens = long.MaxValue, OutputTokens = 1 };

        Assert.Throws<OverflowException>(() => counters.TotalTokens);
        Assert.Throws<OverflowException>(() => (counters with { OutputTokens = 0, CachedInputTokens = 1 }).TotalInputTokens);
    }

    [Fact]
    public void TryAdd_SumWithinBounds_IsTheSum()
    {
        Assert.True(Input(AggregateCounters.MaxCount - 5).TryAdd(Input(5), out var sum));

        Assert.Equal(AggregateCounters.MaxCount, sum.InputTokens);
        Assert.Equal(2, sum.Requests);
    }

    [Fact]
    public void TryAdd_SumBeyondTheStoredBound_FalseWithoutThrowing()
    {
        Assert.False(Input(AggregateCounters.MaxCount).TryAdd(Input(1), out var sum));
        Assert.Null(sum);
        Assert.False(Input(long.MaxValue).TryAdd(Input(1), out _));
        Assert.False(Input(1).TryAdd(AggregateCounters.Zero with { CostUsd = AggregateCounters.MaxUsd + 0.01m }, out _));
        Assert.False((AggregateCounters.Zero with { CursorFeeUsd = -AggregateCounters.MaxUsd }).TryAdd(AggregateCounters.Zero with { CursorFeeUsd = -1m }, out _));
    }

    [Fact]
    public void IsWithinBounds_NegativeCountsOfAReversal_Allowed()
    {
        Assert.True((AggregateCounters.Zero with { Requests = -3, InputTokens = -AggregateCounters.MaxCount, CostUsd = -AggregateCounters.MaxUsd }).IsWithinBounds);
        Assert.False((AggregateCounters.Zero with { UnpricedRequests = -AggregateCounters.MaxCount - 1 }).IsWithinBounds);
    }
}
