using System.Net;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// The upstream request's content: exactly the client's bytes as inspected, optionally with one edit spliced in
/// (<see cref="UsageRequestSplice"/>) without re-serialising the body.
/// </summary>
internal sealed class RequestBodyContent(ReadOnlyMemory<byte> body, BodySplice splice) : HttpContent
{
    private volatile bool _sent;

    /// <summary>True once every byte was handed to the connection: the buffer behind it may then be given back.</summary>
    public bool Sent => _sent;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (splice.IsNone)
        {
            await stream.WriteAsync(body, cancellationToken);
        }
        else
        {
            await stream.WriteAsync(body[..splice.Offset], cancellationToken);
            await stream.WriteAsync(splice.Insert, cancellationToken);
            await stream.WriteAsync(body[(splice.Offset + splice.RemoveLength)..], cancellationToken);
        }

        _sent = true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length - splice.RemoveLength + splice.Insert.Length;
        return true;
    }
}
