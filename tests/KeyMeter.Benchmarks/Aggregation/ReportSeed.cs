namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>What the summaries read: <see cref="Keys"/> keys with one record a day from <see cref="From"/> to <see cref="To"/>, counted through the aggregator.</summary>
internal sealed record ReportSeed(int Keys, DateOnly From, DateOnly To, IReadOnlyList<string> Partitions, long Records, decimal CostUsd, IngestResult Ingest)
{
    public int Days => To.DayNumber - From.DayNumber + 1;
}
