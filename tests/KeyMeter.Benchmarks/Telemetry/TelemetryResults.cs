using KeyMeter.Benchmarks.Aggregation;
using KeyMeter.Core.Reports;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>Everything one telemetry benchmark run measured, for <see cref="TelemetryReport"/>.</summary>
/// <param name="Retries">The first <see cref="TelemetrySettings.RetryShare"/> of the measured phase's exports, posted again.</param>
/// <param name="BySource">The summary by source of the days the events fall on, after the retries.</param>
internal sealed record TelemetryResults(
    TelemetrySettings Settings,
    TelemetryPhase WarmUp,
    TelemetryPhase Ingest,
    TelemetryPhase Retries,
    SummaryReport BySource,
    IReadOnlyList<CorrectnessCheck> Checks,
    TimeSpan Duration)
{
    /// <summary>Every correctness check passed: the figures can be trusted.</summary>
    public bool Sound => Checks.All(check => check.Passed);
}
