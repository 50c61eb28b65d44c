using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>Writes JSON strings from the escaped bytes the upstream sent, never unescaping them.</summary>
internal static class EscapedText
{
    /// <summary>
    /// Writes the string tokens as one JSON string: their escaped bytes joined between one pair of quotes. Each part
    /// is a complete escaped string, so the join is one too.
    /// </summary>
    public static void WriteJoined(Utf8JsonWriter json, ReadOnlySpan<byte> source, List<RawToken> parts)
    {
        if (parts.Count == 1)
        {
            json.WriteRawValue(parts[0].Of(source), skipInputValidation: true);
            return;
        }

        var length = 2;
        foreach (var part in parts)
        {
            length += part.Length - 2;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer[0] = (byte)'"';
            var written = 1;
            foreach (var part in parts)
            {
                part.InnerOf(source).CopyTo(buffer.AsSpan(written));
                written += part.Length - 2;
            }

            buffer[written++] = (byte)'"';
            json.WriteRawValue(buffer.AsSpan(0, written), skipInputValidation: true);
        }
        finally
        {
            // Cleared so no completion text lingers in the shared pool (zero data retention).
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
