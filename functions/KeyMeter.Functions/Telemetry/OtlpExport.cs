using KeyMeter.Core.Keys;
using KeyMeter.Core.Telemetry;
using KeyMeter.Functions.Proxy;

namespace KeyMeter.Functions.Telemetry;

/// <summary>One export that passed <see cref="OtlpIntake"/>: its encoding, the key that sent it and its payload (inflated).</summary>
internal sealed class OtlpExport(OtlpEncoding encoding, DeveloperKey key, ReadOnlyMemory<byte> payload, RequestBody body) : IDisposable
{
    public OtlpEncoding Encoding { get; } = encoding;

    public DeveloperKey Key { get; } = key;

    /// <summary>The body, inflated when it came gzip-compressed; valid until this is disposed.</summary>
    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public void Dispose() => body.Dispose();
}
