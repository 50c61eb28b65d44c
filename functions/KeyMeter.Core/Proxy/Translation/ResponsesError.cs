using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// The error of a failed response (<c>response.error</c>: code, message) or of an <c>error</c> stream event (code,
/// message, param at the top level, or nested under <c>error</c>), written back as an OpenAI error object
/// <c>{"error":{"message","type","param","code"}}</c>. Only scalar members are kept,
/// as raw tokens, so what is copied can never carry a line break into an SSE line.
/// </summary>
internal readonly record struct ResponsesError(RawToken Message, RawToken Type, RawToken Param, RawToken Code)
{
    public bool IsPresent => Message.Length > 0 || Code.Length > 0;

    /// <summary>Reads the object the reader stands on; absent when it is not an object (for example <c>null</c>).</summary>
    public static ResponsesError Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var error = default(ResponsesError);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            error = error.ReadMember(ref reader, withType: true) ?? SkipMember(ref reader, error);
        }

        return error;
    }

    /// <summary>
    /// Reads the member the reader stands on (a property name) when it is one of the error's; null otherwise, with the
    /// reader still on the name. <paramref name="withType"/> is false at the top level of an event, whose <c>type</c>
    /// is the event's.
    /// </summary>
    public ResponsesError? ReadMember(ref Utf8JsonReader reader, bool withType)
    {
        if (reader.ValueTextEquals("message"u8))
        {
            return this with { Message = ReadScalar(ref reader) };
        }

        if (reader.ValueTextEquals("code"u8))
        {
            return this with { Code = ReadScalar(ref reader) };
        }

        if (reader.ValueTextEquals("param"u8))
        {
            return this with { Param = ReadScalar(ref reader) };
        }

        if (withType && reader.ValueTextEquals("type"u8))
        {
            return this with { Type = ReadScalar(ref reader) };
        }

        return null;
    }

    /// <summary>Writes <c>"error": {...}</c>; members the upstream did not give get a generic value.</summary>
    public void WriteOpenAIError(Utf8JsonWriter writer, ReadOnlySpan<byte> source, ReadOnlySpan<byte> defaultMessage)
    {
        writer.WriteStartObject("error"u8);
        WriteOrDefault(writer, "message"u8, Message, source, defaultMessage);
        WriteOrDefault(writer, "type"u8, Type, source, "server_error"u8);
        WriteOrNull(writer, "param"u8, Param, source);
        WriteOrNull(writer, "code"u8, Code, source);
        writer.WriteEndObject();
    }

    private static ResponsesError SkipMember(ref Utf8JsonReader reader, ResponsesError error)
    {
        reader.Read();
        reader.Skip();
        return error;
    }

    private static RawToken ReadScalar(ref Utf8JsonReader reader)
    {
        reader.Read();
        var token = RawToken.Read(ref reader);
        return token.IsScalar ? token : default;
    }

    private static void WriteOrDefault(Utf8JsonWriter writer, ReadOnlySpan<byte> name, RawToken token, ReadOnlySpan<byte> source, ReadOnlySpan<byte> fallback)
    {
        if (token.IsString)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(token.Of(source), skipInputValidation: true);
        }
        else
        {
            writer.WriteString(name, fallback);
        }
    }

    private static void WriteOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, RawToken token, ReadOnlySpan<byte> source)
    {
        writer.WritePropertyName(name);
        if (token.Length > 0)
        {
            writer.WriteRawValue(token.Of(source), skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
