using System.Globalization;
using System.Text.Json;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Core.Telemetry;

/// <summary>
/// What the OTLP decoders share: reading attributes in either encoding into <see cref="TelemetryAttributes"/> (only
/// strings of at most <see cref="OtlpLogsDecoder.MaxValueLength"/> characters, integers, doubles and booleans are
/// kept), and the OTLP/JSON rules: lowerCamelCase names (proto names accepted too), 64-bit integers as strings or
/// numbers. A member of the wrong kind is a <see cref="FormatException"/> naming it.
/// </summary>
internal static class OtlpFields
{
    private const int MaxValueLength = OtlpLogsDecoder.MaxValueLength;

    private static readonly ulong MaxUnixMilliseconds = (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>An OTLP time (nanoseconds since the Unix epoch) to the millisecond; past the year 9999 it is that year's end.</summary>
    public static DateTimeOffset TimeOf(ulong unixNano) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(unixNano / 1_000_000, MaxUnixMilliseconds));

    public static void AddAttributes(TelemetryAttributes to, IEnumerable<KeyValue>? attributes)
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

    public static JsonElement? Member(JsonElement element, string name, string? alternative = null) =>
        element.ValueKind == JsonValueKind.Object && (element.TryGetProperty(name, out var value) || (alternative is not null && element.TryGetProperty(alternative, out value)))
            ? value
            : null;

    /// <summary>The array member's items; absent or null is empty; any other kind is malformed.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement element, string name, string alternative)
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

    public static string? Text(JsonElement element, string name, string alternative) =>
        Member(element, name, alternative) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: <= MaxValueLength } text ? text : null;

    /// <summary>A fixed64 time: a decimal string or a number; absent is 0.</summary>
    public static ulong Nanos(JsonElement element, string name, string alternative) => Member(element, name, alternative) switch
    {
        null or { ValueKind: JsonValueKind.Null } => 0,
        { ValueKind: JsonValueKind.String } text when ulong.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        { ValueKind: JsonValueKind.Number } number when number.TryGetUInt64(out var parsed) => parsed,
        _ => throw new FormatException($"'{name}' is not a time in nanoseconds."),
    };

    public static void AddAttributes(TelemetryAttributes to, JsonElement? attributes)
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
