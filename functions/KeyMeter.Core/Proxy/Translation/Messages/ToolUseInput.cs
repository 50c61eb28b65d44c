using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// A Chat Completions tool call's <c>arguments</c> (a JSON object serialized as a string) written as an Anthropic
/// <c>tool_use</c> block's <c>input</c> object. The string is unescaped into a pooled buffer, checked to be exactly
/// one JSON object, and written as is; the buffer is cleared afterwards. An empty string is taken as <c>{}</c>, as
/// a call to a tool without parameters.
/// </summary>
internal static class ToolUseInput
{
    /// <summary>Writes <c>"input": {...}</c>; false, writing nothing, when the arguments are not a JSON object.</summary>
    public static bool TryWrite(Utf8JsonWriter json, ReadOnlySpan<byte> rawArguments)
    {
        var arguments = JsonStrings.Unescape(rawArguments, out var rented);
        try
        {
            if (arguments.IsEmpty)
            {
                json.WriteStartObject("input"u8);
                json.WriteEndObject();
                return true;
            }

            if (!IsOneObject(arguments))
            {
                return false;
            }

            json.WritePropertyName("input"u8);
            json.WriteRawValue(arguments, skipInputValidation: true);
            return true;
        }
        finally
        {
            JsonStrings.Return(rented);
        }
    }

    private static bool IsOneObject(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
