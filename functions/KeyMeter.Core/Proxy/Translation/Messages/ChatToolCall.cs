using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// One entry of an assistant message's <c>tool_calls</c>: <c>{"id","type":"function","function":{"name","arguments"}}</c>,
/// as positions in its source. <see cref="IsFunction"/> is false for another (custom) tool type.
/// </summary>
internal readonly record struct ChatToolCall(RawToken Id, bool IsFunction, RawToken Name, RawToken Arguments)
{
    /// <summary>Reads the value the reader stands on; a value that is not an object reads as empty.</summary>
    public static ChatToolCall Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var call = new ChatToolCall { IsFunction = true };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                call = call with { Id = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                call = call with { IsFunction = JsonStrings.IsString(ref reader, "function"u8) };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                call = ReadFunction(ref reader, call);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return call;
    }

    private static ChatToolCall ReadFunction(ref Utf8JsonReader reader, ChatToolCall call)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return call;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isArguments = reader.ValueTextEquals("arguments"u8);
            reader.Read();
            var value = RawToken.ReadString(ref reader);
            call = isName ? call with { Name = value } : isArguments ? call with { Arguments = value } : call;
        }

        return call;
    }
}
