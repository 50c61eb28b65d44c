namespace KeyMeter.Core.Telemetry;

/// <summary>What <see cref="AgentMetrics.Read"/> made of a metric point.</summary>
public enum AgentMetricReading
{
    /// <summary>A metric KeyMeter does not keep: ignored, not rejected.</summary>
    NotAFact,

    /// <summary>A point of a kept metric, now an agent fact.</summary>
    Fact,

    /// <summary>A point of a kept metric that cannot be read (no value, a negative or non-finite one, no time).</summary>
    Rejected,
}
