using System.Text;
using KeyMeter.Azure.Tables;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Azure.Aggregation;

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
