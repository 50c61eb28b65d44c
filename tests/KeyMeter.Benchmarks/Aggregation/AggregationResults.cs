namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>Everything one aggregation benchmark run measured, for <see cref="AggregationReport"/>.</summary>
/// <param name="ConcurrentOnce">Four consumers, each record delivered once.</param>
/// <param name="Concurrent">Four consumers, each record delivered twice in a shuffled order.</param>
/// <param name="IngestFirstDay">The first of the <see cref="AggregationSettings.IngestDays"/> days the ingest records start on.</param>
/// <param name="EmptyQuery">A range query that returns no rows: the floor of any one request to this Azurite.</param>
/// <param name="Partitions">A one-row query alone in each month partition of the summaries' table.</param>
internal sealed record AggregationResults(
    AggregationSettings Settings,
    DateOnly IngestFirstDay,
    IngestResult Single,
    IngestResult ConcurrentOnce,
    IngestResult Concurrent,
    ReportSeed Seed,
    SummaryTimingResult ByKey,
    IReadOnlyList<SummaryTimingResult> Others,
    DurationStats EmptyQuery,
    IReadOnlyList<PartitionLatency> Partitions,
    IReadOnlyList<CorrectnessCheck> Checks,
    TimeSpan Duration)
{
    /// <summary>Every correctness check passed: the figures can be trusted.</summary>
    public bool Sound => Checks.All(check => check.Passed);
}
