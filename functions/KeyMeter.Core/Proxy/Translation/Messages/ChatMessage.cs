using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// The members of one Chat Completions message that translation needs, as positions in the request body: role,
/// content (a string, an array of parts or null), an assistant's <c>tool_calls</c> and a tool message's
/// <c>tool_call_id</c>. <c>name</c>, <c>refusal</c> and <c>audio</c> are dropped.
/// </summary>
internal readonly record struct ChatMessage(ChatRole Role, RawToken Content, RawToken ToolCalls, RawToken ToolCallId)
{
    /// <summary>Reads the object the reader stands on.</summary>
    public static ChatMessage Read(ref Utf8JsonReader reader)
    {
        var message = default(ChatMessage);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                message = message with { Role = ReadRole(ref reader) };
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                message = message with { Content = RawToken.Read(ref reader) };
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                message = message with { ToolCalls = RawToken.Read(ref reader) };
            }
            else if (reader.ValueTextEquals("tool_call_id"u8))
            {
                reader.Read();
                message = message with { ToolCallId = RawToken.Read(ref reader) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return message;
    }

    private static ChatRole ReadRole(ref Utf8JsonReader reader)
    {
        var role = reader.TokenType != JsonTokenType.String ? ChatRole.Other
            : reader.ValueTextEquals("user"u8) ? ChatRole.User
            : reader.ValueTextEquals("assistant"u8) ? ChatRole.Assistant
            : reader.ValueTextEquals("tool"u8) ? ChatRole.Tool
            : reader.ValueTextEquals("system"u8) ? ChatRole.System
            : reader.ValueTextEquals("developer"u8) ? ChatRole.Developer
            : ChatRole.Other;
        reader.Skip();
        return role;
    }
}
