namespace KeyMeter.Core.Aggregation;

/// <summary>
/// How <see cref="UsageAggregator"/> fills one entity-group transaction from the records pending for a partition:
/// as many records as fit in 100 operations, in about 3 MiB of rows and in the rows' bounds, each row written once.
/// </summary>
internal static class AggregateTransaction
{
    /// <summary>Rough upper bound of a transaction's rows (JSON of every entry), below the 4 MiB request limit.</summary>
    private const long MaxTransactionEntries = 3L * 1024 * 1024 / 128;

    /// <summary>The longest prefix of <paramref name="pending"/> whose markers and rows fit one transaction (at least one record).</summary>
    public static List<RecordContribution> TakeChunk(AggregatorPartition cache, List<RecordContribution> pending)
    {
        var chunk = new List<RecordContribution>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        long entries = 0;
        foreach (var contribution in pending)
        {
            var newRows = contribution.RowKeys(cache.Shard).Where(key => !rows.Contains(key)).Distinct().ToList();
            var newEntries = newRows.Sum(key => (long)(cache.Rows.TryGetValue(key, out var row) ? row.Row.Entries.Count : 0) + 1);
            if (chunk.Count > 0 && (chunk.Count + 1 + rows.Count + newRows.Count > UsageAggregator.MaxOperations || entries + newEntries > MaxTransactionEntries))
            {
                break;
            }

            chunk.Add(contribution);
            rows.UnionWith(newRows);
            entries += newEntries;
        }

        return chunk;
    }

    /// <summary>
    /// Copies of the rows the chunk touches, with its records added, and how many records of the chunk that is: the
    /// first record whose counters would take an entry out of its bounds ends the chunk (0: the very first did, against
    /// a stored row). The cache keeps the rows as last written.
    /// </summary>
    public static (List<AggregateRowWrite> Writes, int Taken) BuildWrites(AggregatorPartition cache, List<RecordContribution> chunk)
    {
        var rows = new Dictionary<string, (AggregateRow Row, string? ETag)>(StringComparer.Ordinal);
        var changed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var taken = 0;
        foreach (var contribution in chunk)
        {
            var keys = contribution.RowKeys(cache.Shard);
            if (!Fits(cache, rows, contribution, keys))
            {
                break;
            }

            for (var i = 0; i < keys.Count; i++)
            {
                if (seen.Add(keys[i]))
                {
                    changed.Add(keys[i]);
                }

                rows[keys[i]].Row.Add(contribution.Targets[i].Value, contribution.CountersFor(i));
            }

            taken++;
        }

        return ([.. changed.Select(key => new AggregateRowWrite(rows[key].Row, rows[key].ETag))], taken);
    }

    /// <summary>Whether every row <paramref name="contribution"/> adds to can take it; the rows are copied in on first use.</summary>
    private static bool Fits(AggregatorPartition cache, Dictionary<string, (AggregateRow Row, string? ETag)> rows, RecordContribution contribution, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (!rows.TryGetValue(keys[i], out var entry))
            {
                entry = cache.Rows.TryGetValue(keys[i], out var stored)
                    ? (stored.Row.Clone(), stored.ETag)
                    : (contribution.Targets[i].Create(cache.Shard), null);
                rows.Add(keys[i], entry);
            }

            if (!entry.Row.CanAdd(contribution.Targets[i].Value, contribution.CountersFor(i)))
            {
                return false;
            }
        }

        return true;
    }
}
