using System.Buffers;
using BenchmarkDotNet.Attributes;
using KeyMeter.Core.Metering;

namespace KeyMeter.Benchmarks.Micro;

/// <summary>
/// Metering one 1 MB Chat Completions stream read in 16 KB chunks, as ResponseStreamer hands it over: per stream the
/// meter should allocate a small, fixed amount whatever the body size. Events are either token-sized (the usual
/// stream) or about 16 KB each. When the client did not ask for usage itself, the meter also names the usage chunk KeyMeter
/// asked for and the filter drops it, without a second parse.
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

    [Benchmark(Description = "Meter and hide usage, 1 MB stream")]
    public int MeterAndFilter()
    {
        var meter = UsageMeters.CreateHidingUsage(ApiFormat.ChatCompletions, 1000, out var filter);
        var written = 0;
        for (var offset = 0; offset < _stream.Length; offset += ChunkBytes)
        {
            var chunk = _stream.AsSpan(offset, Math.Min(ChunkBytes, _stream.Length - offset));
            meter.Observe(chunk);
            _filtered.ResetWrittenCount();
            written += filter.Filter(chunk, _filtered);
        }

        _filtered.ResetWrittenCount();
        written += filter.Flush(_filtered);
        return meter.Complete(endedNormally: true).Estimated ? -1 : written;
    }
}
