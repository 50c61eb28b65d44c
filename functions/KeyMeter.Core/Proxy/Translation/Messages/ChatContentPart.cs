using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// One part of a Chat Completions content array: <c>{"type":"text","text":..}</c> or
/// <c>{"type":"image_url","image_url":{"url":..,"detail":..}}</c> (<c>detail</c> is dropped; Anthropic sizes images
/// itself). <see cref="Url"/> is the raw URL string token. <see cref="CacheControl"/> is an Anthropic
/// <c>cache_control</c> object a client put on the part (Cursor does for Claude models); it is passed on, so the
/// prompt cache works as the client meant.
/// </summary>
internal readonly record struct ChatContentPart(ChatPartKind Kind, RawToken Text, RawToken Url, RawToken CacheControl = default)
{
    /// <summary>Reads the value the reader stands on; a value that is not an object is a part of kind Other.</summary>
    public static ChatContentPart Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var part = default(ChatContentPart);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                part = part with { Kind = ReadKind(ref reader) };
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                part = part with { Text = RawToken.ReadString(ref reader) };
            }
            else if (reader.ValueTextEquals("image_url"u8))
            {
                reader.Read();
                part = part with { Url = ReadUrl(ref reader) };
            }
            else if (reader.ValueTextEquals("cache_control"u8))
            {
                reader.Read();
                var cacheControl = RawToken.Read(ref reader);
                part = part with { CacheControl = cacheControl.Type == JsonTokenType.StartObject ? cacheControl : default };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return part;
    }

    /// <summary><c>image_url</c> is an object with <c>url</c>; a bare string is accepted too.</summary>
    private static RawToken ReadUrl(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return RawToken.ReadString(ref reader);
        }

        RawToken url = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUrl = reader.ValueTextEquals("url"u8);
            reader.Read();
            if (isUrl)
            {
                url = RawToken.ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return url;
    }

    private static ChatPartKind ReadKind(ref Utf8JsonReader reader)
    {
        var kind = reader.TokenType != JsonTokenType.String ? ChatPartKind.Other
            : reader.ValueTextEquals("text"u8) ? ChatPartKind.Text
            : reader.ValueTextEquals("image_url"u8) ? ChatPartKind.ImageUrl
            : reader.ValueTextEquals("refusal"u8) ? ChatPartKind.Refusal
            : ChatPartKind.Other;
        reader.Skip();
        return kind;
    }
}
