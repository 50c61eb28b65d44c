using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// The <c>error</c> object of an Anthropic error body or <c>error</c> stream event,
/// <c>{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}</c>
/// (https://docs.anthropic.com/en/api/errors), written back as an OpenAI error object
/// <c>{"error":{"message","type","param","code"}}</c> (https://platform.openai.com/docs/guides/error-codes).
/// Only the message is copied, as the raw string token the provider sent (so it can never carry a line break into an
/// SSE line); the type is mapped to a fixed OpenAI type and code, and no other upstream member is echoed.
/// </summary>
internal readonly record struct MessagesError(RawToken Type, RawToken Message)
{
    /// <summary>Reads the object the reader stands on; absent members stay default.</summary>
    public static MessagesError Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var error = default(MessagesError);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isMessage = reader.ValueTextEquals("message"u8);
            reader.Read();
            var token = RawToken.ReadString(ref reader);
            error = isType ? error with { Type = token } : isMessage ? error with { Message = token } : error;
        }

        return error;
    }

    /// <summary>
    /// Writes <c>"error": {...}</c>. <paramref name="status"/> (the upstream HTTP status, 0 in a stream) picks the type
    /// when the upstream's type is missing or unknown.
    /// </summary>
    public void WriteOpenAIError(Utf8JsonWriter writer, ReadOnlySpan<byte> source, int status, ReadOnlySpan<byte> defaultMessage)
    {
        var (type, code) = Map(Type.IsString ? Type.InnerOf(source) : default, status);
        writer.WriteStartObject("error"u8);
        if (Message.IsString)
        {
            writer.WritePropertyName("message"u8);
            writer.WriteRawValue(Message.Of(source), skipInputValidation: true);
        }
        else
        {
            writer.WriteString("message"u8, defaultMessage);
        }

        writer.WriteString("type"u8, type);
        writer.WriteNull("param"u8);
        if (code is null)
        {
            writer.WriteNull("code"u8);
        }
        else
        {
            writer.WriteString("code"u8, code);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Anthropic error type to OpenAI (type, code). OpenAI SDKs pick their exception by HTTP status, so the type and
    /// code only have to read right: request errors stay <c>invalid_request_error</c>; overload, timeouts and
    /// internal errors are <c>server_error</c>; the rest keep a type of their own name with OpenAI's code for it.
    /// </summary>
    private static (string Type, string? Code) Map(ReadOnlySpan<byte> anthropicType, int status) => anthropicType switch
    {
        _ when anthropicType.SequenceEqual("invalid_request_error"u8) => ("invalid_request_error", null),
        _ when anthropicType.SequenceEqual("request_too_large"u8) => ("invalid_request_error", "request_too_large"),
        _ when anthropicType.SequenceEqual("not_found_error"u8) => ("invalid_request_error", "not_found"),
        _ when anthropicType.SequenceEqual("authentication_error"u8) => ("authentication_error", "invalid_api_key"),
        _ when anthropicType.SequenceEqual("permission_error"u8) => ("permission_error", "permission_denied"),
        _ when anthropicType.SequenceEqual("billing_error"u8) => ("insufficient_quota", "billing_error"),
        _ when anthropicType.SequenceEqual("rate_limit_error"u8) => ("rate_limit_error", "rate_limit_exceeded"),
        _ when anthropicType.SequenceEqual("overloaded_error"u8) => ("server_error", "overloaded"),
        _ when anthropicType.SequenceEqual("timeout_error"u8) => ("server_error", "timeout"),
        _ when anthropicType.SequenceEqual("api_error"u8) => ("server_error", null),
        _ => status is >= 400 and < 500 ? ("invalid_request_error", null) : ("server_error", null),
    };
}
