using System.Text;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Metering;

/// <summary>Feeds a body to a meter in chunks of a given size, as a proxy would see it arrive.</summary>
internal static class MeterRunner
{
    /// <summary>Chunk size that hands the whole body over in one call.</summary>
    public const int Whole = 0;

    public static UsageReading Run(IUsageMeter meter, string body, int chunkSize, bool endedNormally = true) =>
        Run(meter, Encoding.UTF8.GetBytes(body), chunkSize, endedNormally);

    public static UsageReading Run(IUsageMeter meter, byte[] body, int chunkSize, bool endedNormally = true)
    {
        foreach (var chunk in Chunks(body, chunkSize))
        {
            meter.Observe(chunk.Span);
        }

        return meter.Complete(endedNormally);
    }

    public static IEnumerable<ReadOnlyMemory<byte>> Chunks(byte[] body, int chunkSize)
    {
        var size = chunkSize == Whole ? Math.Max(body.Length, 1) : chunkSize;
        for (var offset = 0; offset < body.Length; offset += size)
        {
            yield return body.AsMemory(offset, Math.Min(size, body.Length - offset));
        }
    }
}
