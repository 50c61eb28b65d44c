using KeyMeter.Core.Metering;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// One export as an exporter posts it: the body as sent (gzip when the exporter compresses), how large it was before
/// compression, its events, the model calls among them as the generator made them, and the usage records KeyMeter
/// should make of it (read back from the body with the receiver's own reader and priced with the app's price table).
/// </summary>
internal sealed record TelemetryPayload(TelemetryExporter Exporter, byte[] Body, int InflatedBytes, int Events, int CallEvents, IReadOnlyList<UsageRecord> Records);
