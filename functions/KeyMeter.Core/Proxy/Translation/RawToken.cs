using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// Where one JSON value sits in the buffer it was read from, quotes included for a string, so it can be written back
/// byte for byte with <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/> without unescaping.
/// </summary>
internal readonly record struct RawToken(int Start, int Length, JsonTokenType Type)
{
    public bool IsString => Type == JsonTokenType.String;

    /// <summary>A string, number, true, false or null: a value that never holds a raw line break.</summary>
    public bool IsScalar => Type is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;

    /// <summary>Reads the value the reader stands on (skipping over an object or array) from a contiguous buffer.</summary>
    public static RawToken Read(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var type = reader.TokenType;
        switch (type)
        {
            case JsonTokenType.String:
                // ValueSpan of a string over a single span is the escaped bytes between the quotes.
                return new RawToken(start, reader.ValueSpan.Length + 2, type);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return new RawToken(start, (int)reader.BytesConsumed - start, type);
            default:
                return new RawToken(start, reader.ValueSpan.Length, type);
        }
    }

    /// <summary>Reads the value only when it is a string; anything else is skipped and reads as absent.</summary>
    public static RawToken ReadString(ref Utf8JsonReader reader)
    {
        var token = Read(ref reader);
        return token.IsString ? token : default;
    }

    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> buffer) => buffer.Slice(Start, Length);

    /// <summary>The escaped bytes between the quotes of a string.</summary>
    public ReadOnlySpan<byte> InnerOf(ReadOnlySpan<byte> buffer) => buffer.Slice(Start + 1, Length - 2);
}
