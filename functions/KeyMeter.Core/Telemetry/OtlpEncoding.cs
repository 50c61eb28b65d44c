namespace KeyMeter.Core.Telemetry;

/// <summary>The two OTLP/HTTP body encodings (<c>application/x-protobuf</c>, <c>application/json</c>).</summary>
public enum OtlpEncoding
{
    Protobuf,
    Json,
}
