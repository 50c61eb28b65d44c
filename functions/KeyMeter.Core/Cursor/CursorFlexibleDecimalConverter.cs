using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// Reads a Cursor number as an exact decimal, whether it arrives as a JSON number (<c>40.16699999999999</c>, fractional
/// cents since 2026-06-04) or as a string (the unofficial dashboard API's string-typed counts). Null and absent stay
/// null. Decimal parsing keeps the digits as sent, so sums of cents are exact (https://cursor.com/docs/account/teams/admin-api).
/// </summary>
public sealed class CursorFlexibleDecimalConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out var number))
                {
                    return number;
                }

                break;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
            default:
                break;
        }

        throw new JsonException($"Expected a number or a numeric string, found {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
