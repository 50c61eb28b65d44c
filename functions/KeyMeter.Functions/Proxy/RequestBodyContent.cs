using System.Net;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// The upstream request's content: the client's bytes as read, optionally with one member spliced in after the
/// opening brace (<c>"stream_options":{"include_usage":true},</c>) without re-serialising the body.
/// </summary>
internal sealed class RequestBodyContent(ReadOnlyMemory<byte> body, int spliceAt, ReadOnlyMemory<byte> splice) : HttpContent
{
    public RequestBodyContent(ReadOnlyMemory<byte> body)
        : this(body, 0, ReadOnlyMemory<byte>.Empty)
    {
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (splice.IsEmpty)
        {
            await stream.WriteAsync(body, cancellationToken);
            return;
        }

        await stream.WriteAsync(body[..(spliceAt + 1)], cancellationToken);
        await stream.WriteAsync(splice, cancellationToken);
        await stream.WriteAsync(body[(spliceAt + 1)..], cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length + splice.Length;
        return true;
    }
}
