using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace KeyMeter.Functions.Telemetry;

/// <summary>Inflates a gzip body, up to a limit, so a small body cannot expand into unbounded memory.</summary>
internal static class GzipBody
{
    /// <summary>The inflated bytes; null with <paramref name="tooLarge"/> set past the limit, null without it when not gzip.</summary>
    public static byte[]? Inflate(ReadOnlyMemory<byte> compressed, int maxBytes, out bool tooLarge)
    {
        tooLarge = false;
        var segment = MemoryMarshal.TryGetArray(compressed, out var array) ? array : new ArraySegment<byte>(compressed.ToArray());
        using var input = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        var output = new ArrayBufferWriter<byte>(Math.Min(maxBytes, Math.Max(4096, segment.Count * 4)));
        try
        {
            while (true)
            {
                var read = gzip.Read(output.GetSpan(16 * 1024));
                if (read == 0)
                {
                    return output.WrittenSpan.ToArray();
                }

                output.Advance(read);
                if (output.WrittenCount > maxBytes)
                {
                    tooLarge = true;
                    return null;
                }
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
