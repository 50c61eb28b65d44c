namespace KeyMeter.Core.Aggregation;

/// <summary>What one <see cref="UsageAggregator.AggregateAsync"/> call did.</summary>
/// <param name="Counted">Records counted now.</param>
/// <param name="Duplicates">Records that were already counted (a redelivery or a repeated id in the batch).</param>
/// <param name="Transactions">Entity-group transactions committed.</param>
/// <param name="Retries">Transactions that had to be rebuilt: a concurrent writer changed a row, or a marker existed.</param>
public sealed record AggregationResult(int Counted, int Duplicates, int Transactions, int Retries)
{
    public static AggregationResult Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Records that can never be counted (outside their bounds), for the caller to keep as poison.</summary>
    public IReadOnlyList<RefusedRecord> Refused { get; init; } = [];

    public AggregationResult Add(AggregationResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Counted + other.Counted, Duplicates + other.Duplicates, Transactions + other.Transactions, Retries + other.Retries)
        {
            Refused = [.. Refused, .. other.Refused],
        };
    }

    public bool Equals(AggregationResult? other) =>
        other is not null
        && (Counted, Duplicates, Transactions, Retries) == (other.Counted, other.Duplicates, other.Transactions, other.Retries)
        && Refused.SequenceEqual(other.Refused);

    public override int GetHashCode() => HashCode.Combine(Counted, Duplicates, Transactions, Retries, Refused.Count);
}
