using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Tests.Aggregation;

/// <summary>
/// <see cref="IAggregateStore"/> in memory with Table Storage's rules: a commit is atomic, a replace must match the
/// row's ETag, an insert fails on an existing row, a marker insert fails on an existing marker (reported by record id).
/// Rows are stored in their encoded form, so every read decodes what a write encoded.
/// </summary>
internal sealed class InMemoryAggregateStore : IAggregateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Partition, string RowKey), (string Encoded, AggregateRow Shape, string ETag)> _rows = [];
    private readonly Dictionary<(string Partition, string RecordId), DateOnly> _markers = [];
    private long _version;

    public int Loads { get; private set; }

    public int Commits { get; private set; }

    public int Finds { get; private set; }

    /// <summary>Fresh reads of one dimension's rows (<see cref="LoadDimensionAsync"/>).</summary>
    public int DimensionLoads { get; private set; }

    /// <summary>Runs after a commit is applied and before it returns: throw here to "crash" between commit and acknowledgement.</summary>
    public Action<int>? AfterCommit { get; set; }

    /// <summary>Runs before a commit is applied: yield or change rows here to interleave concurrent writers.</summary>
    public Func<Task>? BeforeCommit { get; set; }

    public int Operations => Loads + Commits + Finds;

    public IReadOnlyDictionary<(string Partition, string RecordId), DateOnly> Markers
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<(string, string), DateOnly>(_markers);
            }
        }
    }

    /// <summary>Every stored row, decoded.</summary>
    public IReadOnlyList<AggregateRow> Rows()
    {
        lock (_lock)
        {
            return [.. _rows.Select(pair => Decode(pair.Value.Shape, pair.Value.Encoded))];
        }
    }

    /// <summary>
    /// The logical row of <paramref name="rowKey"/> as a reader sees it: its shards decoded and added up, under the
    /// shard-0 key; null when no shard of it is stored.
    /// </summary>
    public AggregateRow? Row(string partition, string rowKey)
    {
        lock (_lock)
        {
            var logical = AggregateKeys.LogicalRow(rowKey);
            AggregateRow? sum = null;
            foreach (var (key, stored) in _rows.Where(pair => pair.Key.Partition == partition && AggregateKeys.LogicalRow(pair.Key.RowKey) == logical))
            {
                sum ??= AggregateRow.Restore(partition, logical, stored.Shape.Dimension, stored.Shape.Period, stored.Shape.Bucket, []);
                foreach (var (value, counters) in AggregateRowCodec.Decode(stored.Encoded))
                {
                    sum.Add(value, counters);
                }
            }

            return sum;
        }
    }

    /// <summary>Changes a row behind the aggregator's back (a concurrent writer): its ETag changes too.</summary>
    public void Touch(string partition, string rowKey)
    {
        lock (_lock)
        {
            var stored = _rows[(partition, rowKey)];
            _rows[(partition, rowKey)] = stored with { ETag = NextETag() };
        }
    }

    /// <summary>
    /// A writer busy on every shard of a logical row: each shard of it is changed, or created empty, behind the
    /// aggregator's back, so whichever shard the aggregator moves to, its row there changed too.
    /// </summary>
    public void TouchEveryShard(string partition, string rowKey)
    {
        lock (_lock)
        {
            var shape = _rows[(partition, AggregateKeys.LogicalRow(rowKey))].Shape;
            for (var shard = 0; shard < AggregateKeys.Shards; shard++)
            {
                var row = shape.IsMonthly
                    ? AggregateRow.Monthly(partition, shape.Dimension, shape.Bucket, shard)
                    : AggregateRow.Daily(DateOnly.ParseExact(shape.Period, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), shape.Dimension, shape.Bucket, shard);
                _rows[(partition, row.RowKey)] = _rows.TryGetValue((partition, row.RowKey), out var stored)
                    ? stored with { ETag = NextETag() }
                    : (AggregateRowCodec.Encode(row.Entries), row, NextETag());
            }
        }
    }

    public Task<IReadOnlyList<AggregateRow>> LoadDimensionAsync(string partition, IReadOnlyCollection<DateOnly> days, AggregateDimension dimension, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            DimensionLoads++;
            var dayNames = days.Select(AggregateKeys.Day).ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<AggregateRow> rows = [.. _rows
                .Where(pair => pair.Key.Partition == partition && pair.Value.Shape.Dimension == dimension && (pair.Value.Shape.IsMonthly || dayNames.Contains(pair.Value.Shape.Period)))
                .Select(pair => Decode(pair.Value.Shape, pair.Value.Encoded))];
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<StoredAggregateRow>> LoadAsync(string partition, IReadOnlyCollection<DateOnly> days, bool includeMonthly, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Loads++;
            var dayNames = days.Select(AggregateKeys.Day).ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<StoredAggregateRow> rows = [.. _rows
                .Where(pair => pair.Key.Partition == partition && (dayNames.Contains(pair.Value.Shape.Period) || (includeMonthly && pair.Value.Shape.IsMonthly)))
                .Select(pair => new StoredAggregateRow(Decode(pair.Value.Shape, pair.Value.Encoded), pair.Value.ETag))];
            return Task.FromResult(rows);
        }
    }

    public async Task<AggregateCommit> CommitAsync(string partition, IReadOnlyList<string> recordIds, DateOnly countedOn, IReadOnlyList<AggregateRowWrite> writes, CancellationToken cancellationToken)
    {
        if (recordIds.Count + writes.Count is 0 or > UsageAggregator.MaxOperations)
        {
            throw new ArgumentException($"A transaction holds 1 to 100 operations, not {recordIds.Count + writes.Count}.");
        }

        if (BeforeCommit is { } before)
        {
            await before();
        }

        int commit;
        var etags = new List<string>(writes.Count);
        lock (_lock)
        {
            // 1. Check everything first: all or nothing.
            foreach (var id in recordIds)
            {
                if (_markers.ContainsKey((partition, id)))
                {
                    return new AggregateCommit(AggregateCommitOutcome.AlreadyCounted, [], id);
                }
            }

            foreach (var write in writes)
            {
                Assert.Equal(partition, write.Row.Partition);
                var exists = _rows.TryGetValue((partition, write.Row.RowKey), out var stored);
                if (write.ExpectedETag is null ? exists : !exists || stored.ETag != write.ExpectedETag)
                {
                    return AggregateCommit.Conflict;
                }
            }

            // 2. Apply.
            foreach (var id in recordIds)
            {
                _markers[(partition, id)] = countedOn;
            }

            foreach (var write in writes)
            {
                var etag = NextETag();
                _rows[(partition, write.Row.RowKey)] = (AggregateRowCodec.Encode(write.Row.Entries), write.Row, etag);
                etags.Add(etag);
            }

            commit = ++Commits;
        }

        AfterCommit?.Invoke(commit);
        return new AggregateCommit(AggregateCommitOutcome.Committed, etags);
    }

    public Task<IReadOnlySet<string>> FindCountedAsync(string partition, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Finds++;
            IReadOnlySet<string> found = recordIds.Where(id => _markers.ContainsKey((partition, id))).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(found);
        }
    }

    private static AggregateRow Decode(AggregateRow shape, string encoded) =>
        AggregateRow.Restore(shape.Partition, shape.RowKey, shape.Dimension, shape.Period, shape.Bucket, AggregateRowCodec.Decode(encoded));

    private string NextETag() => "W/\"" + (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
}
