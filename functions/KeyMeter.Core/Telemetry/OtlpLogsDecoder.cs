using System.Text.Json;
using Google.Protobuf;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Core.Telemetry;

/// <summary>
/// Reads an OTLP <c>ExportLogsServiceRequest</c> in either encoding into <see cref="TelemetryEvent"/>s
/// (https://opentelemetry.io/docs/specs/otlp/). In JSON, field names are lowerCamelCase (the proto names are accepted
/// too), 64-bit integers may be strings, and a value of a kind KeyMeter does not read (arrays, maps, bytes) is skipped.
/// A payload that is not a well-formed request is refused whole, with the reason.
/// </summary>
public static class OtlpLogsDecoder
{
    /// <summary>Attribute values longer than this are not kept (prompt text, tool output): no reader needs them.</summary>
    public const int MaxValueLength = 512;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public static OtlpLogsBatch Decode(ReadOnlyMemory<byte> body, OtlpEncoding encoding) =>
        encoding == OtlpEncoding.Protobuf ? DecodeProtobuf(body) : DecodeJson(body);

    private static OtlpLogsBatch DecodeProtobuf(ReadOnlyMemory<byte> body)
    {
        ExportLogsServiceRequest request;
        try
        {
            request = ExportLogsServiceRequest.Parser.ParseFrom(body.Span);
        }
        catch (InvalidProtocolBufferException exception)
        {
            return OtlpLogsBatch.Unreadable("The body is not an OTLP ExportLogsServiceRequest in protobuf: " + exception.Message);
        }

        var events = new List<TelemetryEvent>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = new TelemetryAttributes();
            OtlpFields.AddAttributes(resource, resourceLogs.Resource?.Attributes);
            var service = resource.Text("service.name") ?? "";
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                foreach (var record in scopeLogs.LogRecords)
                {
                    var attributes = new TelemetryAttributes();
                    OtlpFields.AddAttributes(attributes, resourceLogs.Resource?.Attributes);
                    OtlpFields.AddAttributes(attributes, record.Attributes);
                    var name = record.EventName is { Length: > 0 } eventName ? eventName
                        : attributes.Text("event.name") ?? (record.Body?.ValueCase == AnyValue.ValueOneofCase.StringValue && record.Body.StringValue.Length <= MaxValueLength ? record.Body.StringValue : "");
                    events.Add(new TelemetryEvent(name, record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano, service, attributes));
                }
            }
        }

        return new OtlpLogsBatch(events, null);
    }

    private static OtlpLogsBatch DecodeJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return OtlpLogsBatch.Unreadable("The body is not a JSON object.");
            }

            var events = new List<TelemetryEvent>();
            foreach (var resourceLogs in OtlpFields.Array(root, "resourceLogs", "resource_logs"))
            {
                var resourceAttributes = OtlpFields.Member(resourceLogs, "resource") is { ValueKind: JsonValueKind.Object } resourceElement ? OtlpFields.Member(resourceElement, "attributes") : null;
                var resource = new TelemetryAttributes();
                OtlpFields.AddAttributes(resource, resourceAttributes);
                var service = resource.Text("service.name") ?? "";
                foreach (var scopeLogs in OtlpFields.Array(resourceLogs, "scopeLogs", "scope_logs"))
                {
                    foreach (var record in OtlpFields.Array(scopeLogs, "logRecords", "log_records"))
                    {
                        var attributes = new TelemetryAttributes();
                        OtlpFields.AddAttributes(attributes, resourceAttributes);
                        OtlpFields.AddAttributes(attributes, OtlpFields.Member(record, "attributes"));
                        var time = OtlpFields.Nanos(record, "timeUnixNano", "time_unix_nano");
                        var name = OtlpFields.Text(record, "eventName", "event_name") is { Length: > 0 } eventName ? eventName
                            : attributes.Text("event.name") ?? BodyName(record);
                        events.Add(new TelemetryEvent(name, time != 0 ? time : OtlpFields.Nanos(record, "observedTimeUnixNano", "observed_time_unix_nano"), service, attributes));
                    }
                }
            }

            return new OtlpLogsBatch(events, null);
        }
        catch (JsonException exception)
        {
            return OtlpLogsBatch.Unreadable("The body is not valid JSON: " + exception.Message);
        }
        catch (FormatException exception)
        {
            return OtlpLogsBatch.Unreadable("The body is not an OTLP ExportLogsServiceRequest in JSON: " + exception.Message);
        }
    }

    private static string BodyName(JsonElement record) =>
        OtlpFields.Member(record, "body") is { ValueKind: JsonValueKind.Object } body && OtlpFields.Member(body, "stringValue", "string_value") is { ValueKind: JsonValueKind.String } text
            && text.GetString() is { Length: <= MaxValueLength } name
            ? name
            : "";
}
