using System.Globalization;
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
            AddProtobuf(resource, resourceLogs.Resource?.Attributes);
            var service = resource.Text("service.name") ?? "";
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                foreach (var record in scopeLogs.LogRecords)
                {
                    var attributes = new TelemetryAttributes();
                    AddProtobuf(attributes, resourceLogs.Resource?.Attributes);
                    AddProtobuf(attributes, record.Attributes);
                    var name = record.EventName is { Length: > 0 } eventName ? eventName
                        : attributes.Text("event.name") ?? (record.Body?.ValueCase == AnyValue.ValueOneofCase.StringValue && record.Body.StringValue.Length <= MaxValueLength ? record.Body.StringValue : "");
                    events.Add(new TelemetryEvent(name, record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano, service, attributes));
                }
            }
        }

        return new OtlpLogsBatch(events, null);
    }

    private static void AddProtobuf(TelemetryAttributes to, IEnumerable<KeyValue>? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        foreach (var attribute in attributes)
        {
            var value = attribute.Value;
            object? kept = value?.ValueCase switch
            {
                AnyValue.ValueOneofCase.StringValue when value.StringValue.Length <= MaxValueLength => value.StringValue,
                AnyValue.ValueOneofCase.IntValue => value.IntValue,
                AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
                AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
                _ => null,
            };
            if (kept is not null && attribute.Key.Length is > 0 and <= MaxValueLength)
            {
                to.Set(attribute.Key, kept);
            }
        }
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
            foreach (var resourceLogs in Array(root, "resourceLogs", "resource_logs"))
            {
                var resourceAttributes = Member(resourceLogs, "resource") is { ValueKind: JsonValueKind.Object } resourceElement ? Member(resourceElement, "attributes") : null;
                var resource = new TelemetryAttributes();
                AddJson(resource, resourceAttributes);
                var service = resource.Text("service.name") ?? "";
                foreach (var scopeLogs in Array(resourceLogs, "scopeLogs", "scope_logs"))
                {
                    foreach (var record in Array(scopeLogs, "logRecords", "log_records"))
                    {
                        var attributes = new TelemetryAttributes();
                        AddJson(attributes, resourceAttributes);
                        AddJson(attributes, Member(record, "attributes"));
                        var time = Nanos(record, "timeUnixNano", "time_unix_nano");
                        var name = Text(record, "eventName", "event_name") is { Length: > 0 } eventName ? eventName
                            : attributes.Text("event.name") ?? BodyName(record);
                        events.Add(new TelemetryEvent(name, time != 0 ? time : Nanos(record, "observedTimeUnixNano", "observed_time_unix_nano"), service, attributes));
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

    private static JsonElement? Member(JsonElement element, string name, string? alternative = null) =>
        element.ValueKind == JsonValueKind.Object && (element.TryGetProperty(name, out var value) || (alternative is not null && element.TryGetProperty(alternative, out value)))
            ? value
            : null;

    /// <summary>The array member's items; absent or null is empty; any other kind is malformed.</summary>
    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name, string alternative)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"an element holding '{name}' is not an object.");
        }

        return Member(element, name, alternative) switch
        {
            null or { ValueKind: JsonValueKind.Null } => default,
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
            _ => throw new FormatException($"'{name}' is not an array."),
        };
    }

    private static string? Text(JsonElement element, string name, string alternative) =>
        Member(element, name, alternative) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: <= MaxValueLength } text ? text : null;

    /// <summary>A fixed64 time: a decimal string or a number; absent is 0.</summary>
    private static ulong Nanos(JsonElement element, string name, string alternative) => Member(element, name, alternative) switch
    {
        null or { ValueKind: JsonValueKind.Null } => 0,
        { ValueKind: JsonValueKind.String } text when ulong.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        { ValueKind: JsonValueKind.Number } number when number.TryGetUInt64(out var parsed) => parsed,
        _ => throw new FormatException($"'{name}' is not a time in nanoseconds."),
    };

    private static string BodyName(JsonElement record) =>
        Member(record, "body") is { ValueKind: JsonValueKind.Object } body && Member(body, "stringValue", "string_value") is { ValueKind: JsonValueKind.String } text
            && text.GetString() is { Length: <= MaxValueLength } name
            ? name
            : "";

    private static void AddJson(TelemetryAttributes to, JsonElement? attributes)
    {
        if (attributes is not { ValueKind: JsonValueKind.Array } list)
        {
            if (attributes is { ValueKind: not JsonValueKind.Null })
            {
                throw new FormatException("'attributes' is not an array.");
            }

            return;
        }

        foreach (var attribute in list.EnumerateArray())
        {
            if (Member(attribute, "key") is not { ValueKind: JsonValueKind.String } keyElement || keyElement.GetString() is not { Length: > 0 and <= MaxValueLength } key)
            {
                throw new FormatException("an attribute has no 'key'.");
            }

            if (Member(attribute, "value") is { ValueKind: JsonValueKind.Object } value && JsonValue(value) is { } kept)
            {
                to.Set(key, kept);
            }
        }
    }

    private static object? JsonValue(JsonElement value)
    {
        if (Member(value, "stringValue", "string_value") is { ValueKind: JsonValueKind.String } text)
        {
            return text.GetString() is { Length: <= MaxValueLength } kept ? kept : null;
        }

        if (Member(value, "intValue", "int_value") is { } integer)
        {
            return integer.ValueKind switch
            {
                JsonValueKind.String when long.TryParse(integer.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
                JsonValueKind.Number when integer.TryGetInt64(out var parsed) => parsed,
                _ => throw new FormatException("an 'intValue' is not a 64-bit integer."),
            };
        }

        if (Member(value, "doubleValue", "double_value") is { } real)
        {
            return real.ValueKind switch
            {
                JsonValueKind.Number => real.GetDouble(),
                JsonValueKind.String when double.TryParse(real.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => throw new FormatException("a 'doubleValue' is not a number."),
            };
        }

        return Member(value, "boolValue", "bool_value") is { ValueKind: JsonValueKind.True or JsonValueKind.False } flag ? flag.GetBoolean() : null;
    }
}
