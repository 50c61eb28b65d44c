namespace KeyMeter.Core.Telemetry;

/// <summary>
/// What one OTLP logs payload held: its events, or why it could not be read at all (then nothing of it is used).
/// </summary>
/// <param name="Error">Why the payload is unreadable (answered 400); null when it was read.</param>
public sealed record OtlpLogsBatch(IReadOnlyList<TelemetryEvent> Events, string? Error)
{
    public static OtlpLogsBatch Unreadable(string error) => new([], error);
}
