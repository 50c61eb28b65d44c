using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// Turns Cursor's Responses-shaped chat-completions body into a body <c>/v1/responses</c> accepts: every top-level
/// member is copied as its raw JSON, in order and byte for byte, except <c>stream_options</c>, which the Responses
/// API rejects (it knows only <c>include_obfuscation</c> there:
/// https://platform.openai.com/docs/api-reference/responses/create). The Responses stream
/// always ends with usage, so nothing has to replace it.
/// </summary>
public static class ResponsesRequestRewriter
{
    /// <summary>
    /// Writes the rewritten body. False when the body is not a single valid JSON object; the output may then hold a
    /// partial object and must be discarded (the proxy has already rejected such bodies with RequestInspector).
    /// </summary>
    public static bool Rewrite(ReadOnlySpan<byte> body, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var drop = reader.ValueTextEquals("stream_options"u8);
                if (!drop)
                {
                    // Request member names are plain ASCII; an escaped one is rare enough to unescape.
                    if (reader.ValueIsEscaped)
                    {
                        writer.WritePropertyName(reader.GetString()!);
                    }
                    else
                    {
                        writer.WritePropertyName(reader.ValueSpan);
                    }
                }

                reader.Read();
                var value = RawToken.Read(ref reader);
                if (!drop)
                {
                    writer.WriteRawValue(value.Of(body), skipInputValidation: true);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }

            writer.WriteEndObject();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
