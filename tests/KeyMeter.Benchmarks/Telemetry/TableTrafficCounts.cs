namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>Table requests sent, by table and kind (<see cref="TableTraffic"/>).</summary>
internal sealed record TableTrafficCounts(IReadOnlyDictionary<(string Table, TableRequestKind Kind), long> Counts)
{
    public long Total => Counts.Values.Sum();

    public long Reads => Of(TableRequestKind.Read);

    public long Writes => Of(TableRequestKind.Write);

    public long Transactions => Of(TableRequestKind.Transaction);

    /// <summary>The tables requests went to, in name order (transactions under <see cref="TableTraffic.Transactions"/>).</summary>
    public IEnumerable<string> Tables => Counts.Keys.Select(key => key.Table).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public long Of(TableRequestKind kind) => Counts.Where(pair => pair.Key.Kind == kind).Sum(pair => pair.Value);

    public long Of(string table, TableRequestKind kind) => Counts.GetValueOrDefault((table, kind));

    public double Per(long items) => items == 0 ? double.NaN : (double)Total / items;

    /// <summary>What was sent between two readings.</summary>
    public static TableTrafficCounts operator -(TableTrafficCounts after, TableTrafficCounts before) =>
        new(after.Counts
            .Select(pair => (pair.Key, Count: pair.Value - before.Counts.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count != 0)
            .ToDictionary(pair => pair.Key, pair => pair.Count));
}
