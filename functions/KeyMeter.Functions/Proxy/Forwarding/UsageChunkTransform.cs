using System.Buffers;
using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// Hides the usage-only chunk the proxy requested on the client's behalf (a stream carries no usage unless asked). The
/// filter parses nothing: its meter, which sees every chunk first, names the chunk (<see cref="UsageMeters.CreateHidingUsage"/>).
/// </summary>
internal sealed class UsageChunkTransform(UsageChunkFilter filter) : IResponseTransform
{
    public string? ContentType => null;

    public void Transform(ReadOnlySpan<byte> upstream, IBufferWriter<byte> client) => filter.Filter(upstream, client);

    public void Complete(IBufferWriter<byte> client) => filter.Flush(client);
}
