namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>One query of a summary over its timed runs: how long it took and what it returned.</summary>
internal sealed record QueryTiming(string Query, DurationStats Duration, int Rows, long Entries)
{
    /// <summary>The queries of <paramref name="records"/> by name, in partition order.</summary>
    public static IReadOnlyList<QueryTiming> Of(IEnumerable<QueryRecord> records) =>
    [
        .. records
            .GroupBy(record => record.Query, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new QueryTiming(group.Key, DurationStats.Of(group.Select(q => q.Ticks)), group.Max(q => q.Rows), group.Max(q => q.Entries))),
    ];
}
