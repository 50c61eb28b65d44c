namespace KeyMeter.Core.Aggregation;

/// <summary>This writer's view of one partition: its shard, and that shard's rows of the days it has read or written, with their ETags.</summary>
internal sealed class AggregatorPartition(string partition)
{
    public string Partition { get; } = partition;

    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>The shard this writer adds to; 0 until it has to move.</summary>
    public int Shard { get; private set; }

    public Dictionary<string, StoredAggregateRow> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>Days whose rows are all in <see cref="Rows"/>: a row missing for such a day does not exist yet.</summary>
    public HashSet<DateOnly> Days { get; } = [];

    public bool MonthlyLoaded { get; set; }

    /// <summary>Another shard, at random, and nothing of the old one remembered.</summary>
    public void MoveToAnotherShard()
    {
        Shard = (Shard + Random.Shared.Next(1, AggregateKeys.Shards)) % AggregateKeys.Shards;
        Clear();
    }

    public void Clear()
    {
        Rows.Clear();
        Days.Clear();
        MonthlyLoaded = false;
    }
}
