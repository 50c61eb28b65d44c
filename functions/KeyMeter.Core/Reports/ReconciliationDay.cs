namespace KeyMeter.Core.Reports;

/// <summary>One developer's day with any requests, and its <see cref="ReconciliationStatus"/>.</summary>
public sealed record ReconciliationDay(DateOnly Date, string Status, ReconciliationCounts Counts);
