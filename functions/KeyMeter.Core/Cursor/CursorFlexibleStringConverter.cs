using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// Reads an id Cursor has sent both as a number and as a string (<c>teamMembers[].id</c> was <c>12345</c>, now
/// <c>user_…</c>; <c>userId</c> in daily usage): either becomes a string (the docs and real responses disagree on the type).
/// </summary>
public sealed class CursorFlexibleStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
        _ => throw new JsonException($"Expected a string or a number, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
