namespace KeyMeter.Core.Aggregation;

/// <summary>The result of one aggregate transaction.</summary>
/// <param name="ETags">On <see cref="AggregateCommitOutcome.Committed"/>, the new ETag of each write in order; otherwise empty.</param>
/// <param name="CountedRecordId">On <see cref="AggregateCommitOutcome.AlreadyCounted"/>, the record whose marker exists, when the store can tell.</param>
public sealed record AggregateCommit(AggregateCommitOutcome Outcome, IReadOnlyList<string> ETags, string? CountedRecordId = null)
{
    public static AggregateCommit Conflict { get; } = new(AggregateCommitOutcome.Conflict, []);
}
