using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// Reads a whole number Cursor sends as a number or as a string: usage-event <c>timestamp</c> is a string of epoch
/// milliseconds (<c>"1750979225854"</c>) while other timestamps are numbers, and token counts have been strings in
/// some responses. Null, absent and empty become 0 (some events omit <c>cacheWriteTokens</c>, which then counts as zero).
/// </summary>
public sealed class CursorFlexibleLongConverter : JsonConverter<long>
{
    public override bool HandleNull => true;

    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return 0;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole))
                {
                    return whole;
                }

                // 1.75e12 or 126.0: a whole value written as a float.
                if (reader.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue)
                {
                    return (long)number;
                }

                break;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return 0;
                }

                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
            default:
                break;
        }

        throw new JsonException($"Expected a whole number or a numeric string, found {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
