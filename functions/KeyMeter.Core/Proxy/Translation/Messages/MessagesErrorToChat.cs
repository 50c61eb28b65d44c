using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Translates an Anthropic error body, <c>{"type":"error","error":{"type":..,"message":..}}</c>
/// (https://docs.anthropic.com/en/api/errors), into the OpenAI error shape
/// <c>{"error":{"message","type","param":null,"code"}}</c> for a Chat Completions client. The provider's message is
/// passed on as the escaped JSON it sent; the type becomes a fixed OpenAI type and code:
/// <list type="table">
/// <listheader><term>Anthropic type</term><description>OpenAI type / code</description></listheader>
/// <item><term>invalid_request_error</term><description>invalid_request_error / null</description></item>
/// <item><term>request_too_large</term><description>invalid_request_error / request_too_large</description></item>
/// <item><term>not_found_error</term><description>invalid_request_error / not_found</description></item>
/// <item><term>authentication_error</term><description>authentication_error / invalid_api_key</description></item>
/// <item><term>permission_error</term><description>permission_error / permission_denied</description></item>
/// <item><term>billing_error</term><description>insufficient_quota / billing_error</description></item>
/// <item><term>rate_limit_error</term><description>rate_limit_error / rate_limit_exceeded</description></item>
/// <item><term>overloaded_error</term><description>server_error / overloaded</description></item>
/// <item><term>timeout_error</term><description>server_error / timeout</description></item>
/// <item><term>api_error</term><description>server_error / null</description></item>
/// <item><term>anything else</term><description>invalid_request_error for a 4xx status, else server_error / null</description></item>
/// </list>
/// No other upstream member (<c>request_id</c>, newer fields) is echoed. The HTTP status is the caller's to keep.
/// </summary>
public static class MessagesErrorToChat
{
    /// <summary>
    /// Writes the OpenAI error object for <paramref name="anthropicErrorBody"/>, always: a body that is not an
    /// Anthropic error gets a generic message and a type from <paramref name="status"/>.
    /// </summary>
    public static void Translate(ReadOnlySpan<byte> anthropicErrorBody, int status, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var error = Read(anthropicErrorBody);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        error.WriteOpenAIError(json, anthropicErrorBody, status, "The upstream provider returned an error."u8);
        json.WriteEndObject();
    }

    /// <summary>The <c>error</c> member of a top-level object; default when the body is not such an object.</summary>
    internal static MessagesError Read(ReadOnlySpan<byte> body)
    {
        var error = default(MessagesError);
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (isError)
                {
                    error = MessagesError.Read(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject ? error : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
