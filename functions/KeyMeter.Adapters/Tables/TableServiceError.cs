using System.Text.Json;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// The error code and message of a failed response, from the <c>x-ms-error-code</c> header or the
/// <c>{"odata.error":{"code":..,"message":{"value":..}}}</c> body. The message stays internal: it is only
/// read for the <c>"N:"</c> operation index of a failed batch.
/// </summary>
internal readonly record struct TableServiceError(string? Code, string? Message)
{
    public static TableServiceError Read(string? errorCodeHeader, ReadOnlySpan<byte> body)
    {
        var (code, message) = ReadBody(body);
        return new TableServiceError(errorCodeHeader ?? code, message);
    }

    private static (string? Code, string? Message) ReadBody(ReadOnlySpan<byte> body)
    {
        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || body[start] != (byte)'{')
        {
            return (null, null); // empty, or XML from a front end that rejected the request before the table service
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("odata.error", out var error))
            {
                return (null, null);
            }

            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var message = error.TryGetProperty("message", out var m) ? m.ValueKind switch
            {
                JsonValueKind.Object when m.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
                JsonValueKind.String => m.GetString(),
                _ => null,
            } : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
