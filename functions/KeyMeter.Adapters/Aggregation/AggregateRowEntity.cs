using System.Globalization;
using System.Text;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Adapters.Aggregation;

/// <summary>
/// An <see cref="AggregateRow"/> as a table entity: <c>Dim</c>, <c>Period</c>, <c>Bucket</c>, <c>Count</c> (entries)
/// and the encoded entries cut into <c>E0</c>…<c>E15</c> (<see cref="AggregateRowCodec"/>).
/// </summary>
internal static class AggregateRowEntity
{
    public const string DimensionProperty = "Dim";
    public const string PeriodProperty = "Period";
    public const string BucketProperty = "Bucket";
    public const string CountProperty = "Count";

    /// <exception cref="AggregateRowTooLargeException">The entries do not fit one entity.</exception>
    public static TableEntity ToEntity(AggregateRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = new TableEntity(row.Partition, row.RowKey)
        {
            [DimensionProperty] = row.Dimension.Name,
            [PeriodProperty] = row.Period,
            [BucketProperty] = row.Bucket,
            [CountProperty] = row.Entries.Count,
        };
        var chunks = AggregateRowCodec.Chunk(AggregateRowCodec.Encode(row.Entries));
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[AggregateRowCodec.ChunkProperty(i)] = chunks[i];
        }

        return entity;
    }

    /// <summary>The row an entity holds; null when it is not a readable aggregate row (the caller logs and skips it).</summary>
    public static AggregateRow? FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            if (!AggregateDimension.TryParse(entity.GetString(DimensionProperty), out var dimension)
                || entity.GetString(PeriodProperty) is not { } period
                || entity.GetInt32(BucketProperty) is not { } bucket
                || !IsItsOwnKey(entity, dimension.Value, period, bucket)
                || Join(entity) is not { } encoded)
            {
                return null;
            }

            var entries = AggregateRowCodec.Decode(encoded);
            return entity.GetInt32(CountProperty) is { } count && count != entries.Count
                ? null
                : AggregateRow.Restore(entity.PartitionKey, entity.RowKey, dimension.Value, period, bucket, entries);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            // A property of the wrong type, JSON that is not an encoded row, or a value twice: unreadable, not a bug here.
            return null;
        }
    }

    /// <summary>
    /// Whether the keys are the ones <see cref="AggregateKeys"/> gives the row's dimension, period, bucket and shard, in the
    /// period's own month partition: a row whose properties disagree with its keys (or name a day that does not exist,
    /// or a bucket or shard out of range) would put its counters somewhere they were never counted.
    /// </summary>
    private static bool IsItsOwnKey(TableEntity entity, AggregateDimension dimension, string period, int bucket)
    {
        if (bucket < 0 || bucket >= dimension.Buckets || !AggregateKeys.TryGetShard(entity.RowKey, out var shard))
        {
            return false;
        }

        if (period.Length == 7)
        {
            return period == entity.PartitionKey && AggregateKeys.TryParsePartition(period, out _)
                && entity.RowKey == AggregateKeys.MonthlyRow(dimension, bucket, shard);
        }

        return DateOnly.TryParseExact(period, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && AggregateKeys.Partition(day) == entity.PartitionKey
            && entity.RowKey == AggregateKeys.DailyRow(day, dimension, bucket, shard);
    }

    /// <summary>E0, E1, … in order up to the first missing one; null when there is no E0.</summary>
    private static string? Join(TableEntity entity)
    {
        var first = entity.GetString(AggregateRowCodec.ChunkProperty(0));
        if (first is null)
        {
            return null;
        }

        var builder = new StringBuilder(first);
        for (var i = 1; i < AggregateRowCodec.MaxChunks && entity.GetString(AggregateRowCodec.ChunkProperty(i)) is { } chunk; i++)
        {
            builder.Append(chunk);
        }

        return builder.ToString();
    }
}
