namespace KeyMeter.Core.Aggregation;

/// <summary>A record the aggregator will never count, and why; the reason names a field, never its value.</summary>
public sealed record RefusedRecord(string RecordId, string Reason);
