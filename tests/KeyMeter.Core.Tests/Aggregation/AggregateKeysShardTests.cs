using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Tests.Aggregation;

public sealed class AggregateKeysShardTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    public static TheoryData<string> Dimensions => ["org", "source", "provider", "model", "key", "developer", "line", "devhour", "tag.sales", "tag.s1"];

    [Fact]
    public void DailyAndMonthlyRow_ShardZero_IsTheKeyRowsHadBeforeShards()
    {
        Assert.Equal("d|2026-11-20|key|2", AggregateKeys.DailyRow(Day, AggregateDimension.Key, 2));
        Assert.Equal("d|2026-11-20|key|2", AggregateKeys.DailyRow(Day, AggregateDimension.Key, 2, shard: 0));
        Assert.Equal("m|org|0", AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0, shard: 0));
    }

    [Fact]
    public void DailyAndMonthlyRow_OtherShard_AppendsItsNumber()
    {
        Assert.Equal("d|2026-11-20|key|2|s7", AggregateKeys.DailyRow(Day, AggregateDimension.Key, 2, shard: 7));
        Assert.Equal("m|org|0|s15", AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0, shard: 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0, shard: AggregateKeys.Shards));
        Assert.Throws<ArgumentOutOfRangeException>(() => AggregateKeys.DailyRow(Day, AggregateDimension.Key, 0, shard: -1));
    }

    [Theory]
    [MemberData(nameof(Dimensions))]
    public void TryGetShard_EveryShardOfEveryDimension_RoundTripsAndLogicalRowIsShardZero(string name)
    {
        Assert.True(AggregateDimension.TryParse(name, out var dimension));
        for (var shard = 0; shard < AggregateKeys.Shards; shard++)
        {
            var daily = AggregateKeys.DailyRow(Day, dimension.Value, 0, shard);
            var monthly = AggregateKeys.MonthlyRow(dimension.Value, 0, shard);

            Assert.True(AggregateKeys.TryGetShard(daily, out var dailyShard));
            Assert.True(AggregateKeys.TryGetShard(monthly, out var monthlyShard));
            Assert.Equal((shard, shard), (dailyShard, monthlyShard));
            Assert.Equal(AggregateKeys.DailyRow(Day, dimension.Value, 0), AggregateKeys.LogicalRow(daily));
            Assert.Equal(AggregateKeys.MonthlyRow(dimension.Value, 0), AggregateKeys.LogicalRow(monthly));
        }
    }

    [Theory]
    [InlineData("m|org|0|s0")]
    [InlineData("m|org|0|s01")]
    [InlineData("m|org|0|s16")]
    [InlineData("m|org|0|s")]
    [InlineData("m|org|0|sx")]
    [InlineData("m|org|0|s-1")]
    public void TryGetShard_SuffixThisVersionNeverWrites_False(string rowKey) =>
        Assert.False(AggregateKeys.TryGetShard(rowKey, out _));

    [Fact]
    public void Ranges_ShardRows_FallInsideTheirLogicalRowsRanges()
    {
        var (from, to) = AggregateKeys.DailyRange(Day, Day);
        var (dimensionFrom, dimensionTo) = AggregateKeys.DailyRange(Day, AggregateDimension.Tag("team"));
        var (monthlyFrom, monthlyTo) = AggregateKeys.MonthlyRange(AggregateDimension.Key);

        var lastShard = AggregateKeys.DailyRow(Day, AggregateDimension.Tag("team"), 0, AggregateKeys.Shards - 1);
        Assert.InRange(string.CompareOrdinal(lastShard, from), 1, int.MaxValue);
        Assert.InRange(string.CompareOrdinal(lastShard, to), int.MinValue, -1);
        Assert.True(Inside(lastShard, dimensionFrom, dimensionTo));
        Assert.True(Inside(AggregateKeys.DailyRow(Day, AggregateDimension.Tag("team"), 0), dimensionFrom, dimensionTo));
        Assert.False(Inside(AggregateKeys.DailyRow(Day, AggregateDimension.Tag("team2"), 0, 3), dimensionFrom, dimensionTo));
        Assert.False(Inside(AggregateKeys.DailyRow(Day.AddDays(1), AggregateDimension.Tag("team"), 0), dimensionFrom, dimensionTo));
        Assert.True(Inside(AggregateKeys.MonthlyRow(AggregateDimension.Key, 3, 9), monthlyFrom, monthlyTo));
        Assert.False(Inside(AggregateKeys.MonthlyRow(AggregateDimension.Model, 0, 9), monthlyFrom, monthlyTo));
    }

    private static bool Inside(string rowKey, string from, string toExclusive) =>
        string.CompareOrdinal(rowKey, from) >= 0 && string.CompareOrdinal(rowKey, toExclusive) < 0;
}
