namespace KeyMeter.Core.Aggregation;

/// <summary>One row of a commit: inserted when <paramref name="ExpectedETag"/> is null, else replaced if still at that ETag.</summary>
public sealed record AggregateRowWrite(AggregateRow Row, string? ExpectedETag);
