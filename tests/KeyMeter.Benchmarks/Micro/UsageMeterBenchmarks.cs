using System.Buffers;
using BenchmarkDotNet.Attributes;
using KeyMeter.Core.Metering;

namespace KeyMeter.Benchmarks.Micro;

/// <summary>
/// Metering one 1 MB Chat Completions stream read in 16 KB chunks, as ResponseStreamer hands it over: per stream the
/// meter should allocate a small, fixed amount whatever the body size. Events are either token-sized (the usual
/// stream) or about 16 KB each. The filter that removes the usage chunk KeyMeter asked for runs on the same bytes
/// when the client did not ask for usage itself.
/// </summary>
[MemoryDiagnoser]
public class UsageMeterBenchmarks
{
    private const int ChunkBytes = 16 * 1024;
    private readonly ArrayBufferWriter<byte> _filtered = new(ChunkBytes);
    private byte[] _stream = [];

    [Params(256, 16 * 1024)]
    public int EventBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stream = MicroPayloads.ChatStream(1024 * 1024, EventBytes);
        if (Meter().Estimated)
        {
            throw new InvalidOperationException("The benchmark stream did not meter exactly.");
        }
    }

    [Benchmark(Description = "Meter 1 MB stream")]
    public UsageReading Meter()
    {
        var meter = UsageMeters.Create(ApiFormat.ChatCompletions, streaming: true, estimatedInputTokens: 1000);
        for (var offset = 0; offset < _stream.Length; offset += ChunkBytes)
        {
            meter.Observe(_stream.AsSpan(offset, Math.Min(ChunkBytes, _stream.Length - offset)));
        }

        return meter.Complete(endedNormally: true);
    }

    [Benchmark(Description = "Filter 1 MB stream")]
    public int Filter()
    {
        var filter = new UsageChunkFilter();
        var written = 0;
        for (var offset = 0; offset < _stream.Length; offset += ChunkBytes)
        {
            _filtered.ResetWrittenCount();
            written += filter.Filter(_stream.AsSpan(offset, Math.Min(ChunkBytes, _stream.Length - offset)), _filtered);
        }

        _filtered.ResetWrittenCount();
        return written + filter.Flush(_filtered);
    }
}
