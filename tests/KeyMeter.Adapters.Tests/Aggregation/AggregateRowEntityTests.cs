using System.Globalization;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Core.Aggregation;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Aggregation;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class AggregateRowEntityTests(AzuriteFixture azurite)
{
    private static AggregateRow ManyEntries(int count)
    {
        var row = AggregateRow.Daily(new DateOnly(2026, 3, 14), AggregateDimension.Line, 2);
        for (var i = 0; i < count; i++)
        {
            // Long values with quotes and non-ASCII, so the JSON is escaped and runs over several chunks.
            var value = string.Create(CultureInfo.InvariantCulture, $"key_{i:D4}|dév \"ü\" 日本|") + new string('x', 120);
            row.Add(value, new AggregateCounters(i + 1, long.MaxValue - i, 3, 4, 5, 6, 7, 0.000000123456789m * (i + 1), 79228162514264.337593543950335m, i, 0));
        }

        return row;
    }

    [Fact]
    public async Task ToEntityThenFromEntity_ManyEntriesThroughAzurite_RoundTripsExactly()
    {
        var row = ManyEntries(600);
        await using var table = await azurite.CreateTableAsync(CancellationToken.None);

        var entity = AggregateRowEntity.ToEntity(row);
        await table.Client.InsertAsync(entity, CancellationToken.None);
        var stored = await table.Client.GetAsync(row.Partition, row.RowKey, CancellationToken.None);
        var read = AggregateRowEntity.FromEntity(stored.Value!);

        Assert.NotNull(entity[AggregateRowCodec.ChunkProperty(3)]);
        Assert.Equal(600, stored.Value!.GetInt32(AggregateRowEntity.CountProperty));
        Assert.NotNull(read);
        Assert.Equal((row.Partition, row.RowKey, row.Dimension, row.Period, row.Bucket), (read.Partition, read.RowKey, read.Dimension, read.Period, read.Bucket));
        Assert.Equal(row.Entries.OrderBy(e => e.Key, StringComparer.Ordinal), read.Entries.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(0.000000123456789m * 600, read.Entries.Values.Max(counters => counters.CostUsd));
    }

    [Fact]
    public async Task ToEntityThenFromEntity_SessionEntriesWithSpans_KeepTheirSpansBesideEntriesWithout()
    {
        var row = AggregateRow.Daily(new DateOnly(2026, 12, 3), AggregateDimension.Session, 5);
        var counters = new AggregateCounters(2, 10, 0, 0, 0, 5, 0, 0.5m, 0m, 0, 0);
        row.Add("spanned", counters.Spanning(DateTimeOffset.Parse("2026-12-03T09:00:00.750Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-12-03T10:15:30Z", CultureInfo.InvariantCulture)));
        row.Add("plain", counters);
        await using var table = await azurite.CreateTableAsync(CancellationToken.None);

        await table.Client.InsertAsync(AggregateRowEntity.ToEntity(row), CancellationToken.None);
        var read = AggregateRowEntity.FromEntity((await table.Client.GetAsync(row.Partition, row.RowKey, CancellationToken.None)).Value!);

        Assert.Equal(AggregateDimension.Session, read!.Dimension);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T09:00:00Z", CultureInfo.InvariantCulture), read.Entries["spanned"].FirstAt);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T10:15:30Z", CultureInfo.InvariantCulture), read.Entries["spanned"].LastAt);
        Assert.Equal(counters, read.Entries["plain"]);
        Assert.Equal(counters with { FirstAt = read.Entries["spanned"].FirstAt, LastAt = read.Entries["spanned"].LastAt }, read.Entries["spanned"]);
    }

    [Fact]
    public void FromEntity_TagDimensionMonthlyRow_RestoresDimension()
    {
        var row = AggregateRow.Monthly("2026-03", AggregateDimension.Tag("team"), 0);
        row.Add("checkout", AggregateCounters.Zero with { Requests = 2 });

        var read = AggregateRowEntity.FromEntity(AggregateRowEntity.ToEntity(row));

        Assert.NotNull(read);
        Assert.Equal("team", read.Dimension.TagName);
        Assert.True(read.IsMonthly);
        Assert.Equal(2, read.Entries["checkout"].Requests);
    }

    [Theory]
    [InlineData("Dim", "no-such-dimension")]
    [InlineData("Dim", null)]
    [InlineData("Period", null)]
    [InlineData("Bucket", "2")]
    [InlineData("Count", 5)]
    [InlineData("E0", null)]
    [InlineData("E0", "[[\"a\",1]]")]
    [InlineData("E0", "not json")]
    [InlineData("E1", "[]")]
    public void FromEntity_DamagedProperty_ReturnsNull(string property, object? value)
    {
        var row = AggregateRow.Daily(new DateOnly(2026, 3, 14), AggregateDimension.Model, 0);
        row.Add("gpt-5", AggregateCounters.Zero with { Requests = 1 });
        var entity = AggregateRowEntity.ToEntity(row);
        Assert.NotNull(AggregateRowEntity.FromEntity(entity));

        entity[property] = value;

        Assert.Null(AggregateRowEntity.FromEntity(entity));
    }
}
