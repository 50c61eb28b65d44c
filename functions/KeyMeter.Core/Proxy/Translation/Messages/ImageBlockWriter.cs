using System.Buffers;
using System.Text;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Writes a Chat Completions <c>image_url</c> as an Anthropic image block
/// (https://docs.anthropic.com/en/docs/build-with-claude/vision):
/// a base64 <c>data:</c> URL becomes <c>{"type":"image","source":{"type":"base64","media_type":..,"data":..}}</c>, an
/// http(s) URL <c>{"type":"image","source":{"type":"url","url":..}}</c>. Anthropic takes JPEG, PNG, GIF and WebP;
/// <c>image/jpg</c> is sent as <c>image/jpeg</c>.
/// </summary>
internal static class ImageBlockWriter
{
    private static readonly SearchValues<byte> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="u8);

    /// <summary>Writes the block; returns why it cannot (for a 400), or null.</summary>
    public static string? Write(Utf8JsonWriter json, ReadOnlySpan<byte> rawUrl)
    {
        var url = JsonStrings.Unescape(rawUrl, out var rented);
        try
        {
            if (StartsWith(url, "data:"u8))
            {
                return WriteBase64(json, url);
            }

            if (!StartsWith(url, "https://"u8) && !StartsWith(url, "http://"u8))
            {
                return "An image URL must be an http(s) URL or a base64 data: URL.";
            }

            json.WriteStartObject();
            json.WriteString("type"u8, "image"u8);
            json.WriteStartObject("source"u8);
            json.WriteString("type"u8, "url"u8);
            json.WriteString("url"u8, url);
            json.WriteEndObject();
            json.WriteEndObject();
            return null;
        }
        finally
        {
            JsonStrings.Return(rented);
        }
    }

    private static string? WriteBase64(Utf8JsonWriter json, ReadOnlySpan<byte> url)
    {
        // data:[<media type>][;<parameter>]*;base64,<data> (RFC 2397)
        var comma = url.IndexOf((byte)',');
        var header = comma < 0 ? default : url[5..comma];
        if (comma < 0 || !header.EndsWith(";base64"u8))
        {
            return "An image data: URL must be base64-encoded (data:image/png;base64,...).";
        }

        var mediaType = header[..header.IndexOf((byte)';')];
        mediaType = Ascii.EqualsIgnoreCase(mediaType, "image/jpg"u8) ? "image/jpeg"u8 : mediaType;
        if (!IsSupported(mediaType))
        {
            return "Anthropic models accept image/jpeg, image/png, image/gif and image/webp images.";
        }

        var data = url[(comma + 1)..];
        if (data.IsEmpty || data.IndexOfAnyExcept(Base64Alphabet) >= 0)
        {
            return "An image data: URL must hold base64 data.";
        }

        json.WriteStartObject();
        json.WriteString("type"u8, "image"u8);
        json.WriteStartObject("source"u8);
        json.WriteString("type"u8, "base64"u8);
        json.WriteString("media_type"u8, mediaType);
        json.WritePropertyName("data"u8);
        WriteQuoted(json, data);
        json.WriteEndObject();
        json.WriteEndObject();
        return null;
    }

    /// <summary>
    /// Writes base64 as a raw JSON string (its alphabet needs no escaping; the writer's default encoder would escape
    /// every <c>+</c>).
    /// </summary>
    private static void WriteQuoted(Utf8JsonWriter json, ReadOnlySpan<byte> base64)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(base64.Length + 2);
        try
        {
            buffer[0] = (byte)'"';
            base64.CopyTo(buffer.AsSpan(1));
            buffer[base64.Length + 1] = (byte)'"';
            json.WriteRawValue(buffer.AsSpan(0, base64.Length + 2), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static bool IsSupported(ReadOnlySpan<byte> mediaType) =>
        mediaType.SequenceEqual("image/jpeg"u8) || mediaType.SequenceEqual("image/png"u8)
        || mediaType.SequenceEqual("image/gif"u8) || mediaType.SequenceEqual("image/webp"u8);

    private static bool StartsWith(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix) =>
        value.Length >= prefix.Length && Ascii.EqualsIgnoreCase(value[..prefix.Length], prefix);
}
