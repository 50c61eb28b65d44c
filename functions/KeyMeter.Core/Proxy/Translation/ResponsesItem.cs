using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// The members of a Responses API output item that translation needs: its type, id, and for a tool call its
/// <c>call_id</c>, <c>name</c> and <c>arguments</c> (or a custom tool's <c>input</c>, which Chat Completions clients
/// receive as the arguments). Message content is read by <see cref="ResponsesToChatJsonTranslator"/> itself.
/// </summary>
internal readonly record struct ResponsesItem(ResponsesItemKind Kind, RawToken Id, RawToken CallId, RawToken Name, RawToken Arguments)
{
    public bool IsToolCall => Kind is ResponsesItemKind.FunctionCall or ResponsesItemKind.CustomToolCall;

    /// <summary>Reads the member the reader stands on (a property name) when it is one of the item's; false otherwise.</summary>
    public bool TryReadMember(ref Utf8JsonReader reader, out ResponsesItem item)
    {
        item = this;
        if (reader.ValueTextEquals("type"u8))
        {
            reader.Read();
            item = this with { Kind = ReadKind(ref reader) };
        }
        else if (reader.ValueTextEquals("id"u8))
        {
            reader.Read();
            item = this with { Id = RawToken.ReadString(ref reader) };
        }
        else if (reader.ValueTextEquals("call_id"u8))
        {
            reader.Read();
            item = this with { CallId = RawToken.ReadString(ref reader) };
        }
        else if (reader.ValueTextEquals("name"u8))
        {
            reader.Read();
            item = this with { Name = RawToken.ReadString(ref reader) };
        }
        else if (reader.ValueTextEquals("arguments"u8) || reader.ValueTextEquals("input"u8))
        {
            reader.Read();
            item = this with { Arguments = RawToken.ReadString(ref reader) };
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Reads the object the reader stands on, skipping members it does not know.</summary>
    public static ResponsesItem Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var item = default(ResponsesItem);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!item.TryReadMember(ref reader, out item))
            {
                reader.Read();
                reader.Skip();
            }
        }

        return item;
    }

    private static ResponsesItemKind ReadKind(ref Utf8JsonReader reader)
    {
        var kind = reader.TokenType != JsonTokenType.String ? ResponsesItemKind.Other
            : reader.ValueTextEquals("function_call"u8) ? ResponsesItemKind.FunctionCall
            : reader.ValueTextEquals("custom_tool_call"u8) ? ResponsesItemKind.CustomToolCall
            : reader.ValueTextEquals("message"u8) ? ResponsesItemKind.Message
            : ResponsesItemKind.Other;
        reader.Skip();
        return kind;
    }
}
