using System.Buffers;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// Rewrites an upstream body on its way to the client, chunk by chunk (hiding the usage chunk the proxy asked for,
/// translating Responses events into Chat Completions chunks). The meter always sees the upstream bytes unchanged.
/// </summary>
internal interface IResponseTransform
{
    /// <summary>The client's content type when the transform changes it, else null.</summary>
    string? ContentType { get; }

    void Transform(ReadOnlySpan<byte> upstream, IBufferWriter<byte> client);

    /// <summary>End of the upstream body: write what was held back.</summary>
    void Complete(IBufferWriter<byte> client);
}
