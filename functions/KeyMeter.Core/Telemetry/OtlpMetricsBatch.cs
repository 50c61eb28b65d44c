namespace KeyMeter.Core.Telemetry;

/// <summary>What one OTLP metrics payload held: its points, or why it could not be read at all (then nothing of it is used).</summary>
/// <param name="Error">Why the payload is unreadable (answered 400); null when it was read.</param>
public sealed record OtlpMetricsBatch(IReadOnlyList<TelemetryPoint> Points, string? Error)
{
    public static OtlpMetricsBatch Unreadable(string error) => new([], error);
}
