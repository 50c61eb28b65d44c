using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>Unescapes a raw JSON string token where a value has to be understood (a URL, tool arguments), never text.</summary>
internal static class JsonStrings
{
    /// <summary>
    /// The unescaped bytes of <paramref name="rawString"/> (quotes included). Without escapes they are the bytes
    /// between the quotes; otherwise a pooled buffer holds them, handed out in <paramref name="rented"/> for
    /// <see cref="Return"/>.
    /// </summary>
    public static ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> rawString, out byte[]? rented)
    {
        rented = null;
        var reader = new Utf8JsonReader(rawString);
        reader.Read();
        if (!reader.ValueIsEscaped)
        {
            return rawString[1..^1];
        }

        rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        var length = reader.CopyString(rented);
        return rented.AsSpan(0, length);
    }

    /// <summary>Returns a buffer from <see cref="Unescape"/>, cleared: it held request content.</summary>
    public static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>A reader over the bytes of one value read earlier.</summary>
    public static Utf8JsonReader ReaderOf(ReadOnlySpan<byte> source, RawToken token) =>
        new(token.Of(source), new JsonReaderOptions { MaxDepth = 256 });

    /// <summary>Whether the reader stands on a string equal to <paramref name="text"/> (escapes decoded).</summary>
    public static bool IsString(ref Utf8JsonReader reader, ReadOnlySpan<byte> text) =>
        reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(text);

    /// <summary>Whether the raw string token is <c>""</c>.</summary>
    public static bool IsEmpty(RawToken token) => token.IsString && token.Length == 2;
}
