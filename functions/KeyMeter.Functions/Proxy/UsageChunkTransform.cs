using System.Buffers;
using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Proxy;

/// <summary>Hides the usage-only chunk the proxy requested on the client's behalf (a stream carries no usage unless asked).</summary>
internal sealed class UsageChunkTransform : IResponseTransform
{
    private readonly UsageChunkFilter _filter = new();

    public string? ContentType => null;

    public void Transform(ReadOnlySpan<byte> upstream, IBufferWriter<byte> client) => _filter.Filter(upstream, client);

    public void Complete(IBufferWriter<byte> client) => _filter.Flush(client);
}
