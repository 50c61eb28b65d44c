using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// The members of an Anthropic response content block that translation needs, as positions in its source: a
/// <c>text</c> block's <c>text</c>; a <c>tool_use</c> block's <c>id</c>, <c>name</c> and <c>input</c> object. Every
/// other block (<c>thinking</c>, <c>redacted_thinking</c>, server tool blocks) is <see cref="MessagesBlockKind.Other"/>
/// and has no Chat Completions counterpart.
/// </summary>
internal readonly record struct MessagesContentBlock(MessagesBlockKind Kind, RawToken Text, RawToken Id, RawToken Name, RawToken Input)
{
    /// <summary>Reads the object the reader stands on, skipping members it does not know.</summary>
    public static MessagesContentBlock Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var block = default(MessagesContentBlock);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                block = block with { Kind = ReadKind(ref reader) };
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                block = block with { Text = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                block = block with { Id = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                block = block with { Name = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("input"u8))
            {
                reader.Read();
                var input = RawToken.Read(ref reader);
                block = block with { Input = input.Type == JsonTokenType.StartObject ? input : default };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return block;
    }

    private static MessagesBlockKind ReadKind(ref Utf8JsonReader reader)
    {
        var kind = reader.TokenType != JsonTokenType.String ? MessagesBlockKind.Other
            : reader.ValueTextEquals("text"u8) ? MessagesBlockKind.Text
            : reader.ValueTextEquals("tool_use"u8) ? MessagesBlockKind.ToolUse
            : MessagesBlockKind.Other;
        reader.Skip();
        return kind;
    }
}
