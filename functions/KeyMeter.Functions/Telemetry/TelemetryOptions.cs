namespace KeyMeter.Functions.Telemetry;

/// <summary>Agent telemetry ingestion (<c>KeyMeter__Telemetry__…</c>).</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "KeyMeter:Telemetry";

    /// <summary>The largest OTLP body accepted as sent (compressed or not); larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest a gzip body may inflate to; beyond it, 413 (a small body that inflates hugely is refused).</summary>
    public int MaxInflatedBytes { get; set; } = 32 * 1024 * 1024;
}
