namespace KeyMeter.Core.Aggregation;

/// <summary>A row as last read or written, with the ETag a replace must match.</summary>
public sealed record StoredAggregateRow(AggregateRow Row, string ETag);
