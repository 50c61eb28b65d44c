using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// Reads <see cref="InvocationRequest"/> values despite the host's encoding quirks. The host serializes every value that
/// is not an object with <c>JsonConvert.SerializeObject</c> and puts the result in a JSON string, so strings arrive
/// double-encoded (<c>"\"abc\""</c>), numbers as strings (<c>"1"</c>) and arrays as strings containing JSON arrays.
/// The rule: parse a string once more when its content is itself JSON.
/// </summary>
/// <remarks>
/// See https://github.com/Azure/azure-functions-host/issues/5815 and the README's custom-handler contract.
/// </remarks>
internal static class InvocationDecoder
{
    /// <summary>The value with one level of string encoding removed when the string's content is JSON.</summary>
    public static JsonElement Normalize(JsonElement value) =>
        TryReadString(value, out var text) && TryParseJson(text, out var inner) ? inner : value;

    public static bool TryGetString(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        var normalized = Normalize(value);
        text = null;
        return normalized.ValueKind switch
        {
            JsonValueKind.String => TryReadString(normalized, out text),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => (text = normalized.GetRawText()) is not null,
            _ => false,
        };
    }

    /// <summary>
    /// The .NET string of a JSON string value; false when it is not a string or cannot be one. System.Text.Json checks a
    /// string's text only when it is read, so an escaped lone surrogate (<c>"\ud800"</c>) or invalid UTF-8 gets this far
    /// and would throw here.
    /// </summary>
    public static bool TryReadString(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        return text is not null;
    }

    public static bool TryGetInt64(JsonElement value, out long number)
    {
        var normalized = Normalize(value);
        number = 0;
        return normalized.ValueKind switch
        {
            JsonValueKind.Number => normalized.TryGetInt64(out number),
            JsonValueKind.String => TryReadString(normalized, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    public static bool TryGetDateTimeOffset(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        return TryGetString(value, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    /// <summary>A JSON array, given natively or as a string containing the array.</summary>
    public static bool TryGetArray(JsonElement value, out JsonElement array)
    {
        array = Normalize(value);
        return array.ValueKind == JsonValueKind.Array;
    }

    /// <summary>
    /// The raw bytes of a message body. A JSON object or array is the body's JSON text; a string is unwrapped once
    /// more if it holds a JSON string literal (the host's double encoding), and otherwise is the body text itself
    /// (a string holding JSON, or plain text).
    /// </summary>
    public static bool TryGetBody(JsonElement value, BodyEncoding encoding, out byte[] body, [NotNullWhen(false)] out string? error)
    {
        body = [];
        error = null;
        string text;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                if (!TryReadString(value, out text!))
                {
                    error = "the body is not valid text (an escaped lone surrogate or invalid UTF-8)";
                    return false;
                }

                if (TryParseJson(text, out var inner) && inner.ValueKind == JsonValueKind.String && !TryReadString(inner, out text!))
                {
                    error = "the body is not valid text (an escaped lone surrogate)";
                    return false;
                }

                break;
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Undefined:
                error = "the body is missing";
                return false;
            default:
                text = value.GetRawText();
                break;
        }

        if (encoding == BodyEncoding.Text)
        {
            body = Encoding.UTF8.GetBytes(text);
            return true;
        }

        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            error = "the body is not valid base64";
            return false;
        }

        body = buffer[..written];
        return true;
    }

    /// <summary>Deserializes an object that may also arrive as a string containing the object.</summary>
    public static bool TryDeserialize<T>(
        JsonElement value,
        JsonTypeInfo<T> typeInfo,
        [NotNullWhen(true)] out T? result,
        [NotNullWhen(false)] out string? error)
    {
        result = default;
        var normalized = Normalize(value);
        if (normalized.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object, found {normalized.ValueKind}";
            return false;
        }

        try
        {
            result = normalized.Deserialize(typeInfo);
        }
        catch (JsonException exception)
        {
            error = exception.Message;
            return false;
        }

        error = result is null ? "the value is null" : null;
        return result is not null;
    }

    private static bool TryParseJson(string text, out JsonElement element)
    {
        element = default;
        var trimmed = text.AsSpan().TrimStart();

        // Cheap filter before paying for an exception: JSON starts with one of these.
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '[' or '"' or '-' or (>= '0' and <= '9') or 't' or 'f' or 'n'))
        {
            return false;
        }

        try
        {
            element = JsonElement.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
