namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>The goals of the issue, checked against the measurements.</summary>
internal static class AggregationGoals
{
    /// <summary>Table requests per record with 20 active keys at batch size 100.</summary>
    public const double MaxRequestsPerRecord = 0.1;

    /// <summary>A 90-day summary over 200 keys grouped by key, on Azurite; checked at p95.</summary>
    public const double MaxSummaryMilliseconds = 300;

    public static string Verdict(bool pass) => pass ? "PASS" : "MISS";
}
