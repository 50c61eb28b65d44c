namespace KeyMeter.Core.Telemetry;

/// <summary>
/// One log event an agent exported over OTLP, reduced to what metering may read: its name, time, the exporting
/// service and the attributes. The body is kept only as a name (some exporters put the event name there); prompt text
/// a tool may attach never gets further than the decoder.
/// </summary>
/// <param name="Name">The event name: the record's own, else its <c>event.name</c> attribute, else a string body.</param>
/// <param name="TimeUnixNano">When it happened (the observed time when the exporter left the time out); 0 when neither.</param>
/// <param name="ServiceName">The resource's <c>service.name</c>, e.g. <c>claude-code</c>; empty when absent.</param>
public sealed record TelemetryEvent(string Name, ulong TimeUnixNano, string ServiceName, TelemetryAttributes Attributes)
{
    public DateTimeOffset Time => OtlpFields.TimeOf(TimeUnixNano);
}
