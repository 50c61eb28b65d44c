using System.Net;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// The upstream request's content: exactly the client's bytes as inspected, with at most two edits spliced in (the
/// model id the provider knows, <see cref="ModelSplice"/>, and a request for streamed usage,
/// <see cref="UsageRequestSplice"/>) without re-serialising the body. The edits never overlap.
/// </summary>
internal sealed class RequestBodyContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly BodySplice _first;
    private readonly BodySplice _second;
    private volatile bool _sent;

    public RequestBodyContent(ReadOnlyMemory<byte> body, BodySplice one, BodySplice other = default)
    {
        _body = body;
        (_first, _second) = one.IsNone || (!other.IsNone && other.Offset < one.Offset) ? (other, one) : (one, other);
    }

    /// <summary>True once every byte was handed to the connection: the buffer behind it may then be given back.</summary>
    public bool Sent => _sent;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var at = await WriteUpToAsync(stream, 0, _first, cancellationToken);
        at = await WriteUpToAsync(stream, at, _second, cancellationToken);
        await stream.WriteAsync(_body[at..], cancellationToken);
        _sent = true;
    }

    /// <summary>Writes the body from <paramref name="at"/> up to <paramref name="splice"/> and its insert; returns where the body goes on.</summary>
    private async ValueTask<int> WriteUpToAsync(Stream stream, int at, BodySplice splice, CancellationToken cancellationToken)
    {
        if (splice.IsNone)
        {
            return at;
        }

        await stream.WriteAsync(_body[at..splice.Offset], cancellationToken);
        await stream.WriteAsync(splice.Insert, cancellationToken);
        return splice.Offset + splice.RemoveLength;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length - _first.RemoveLength + _first.Insert.Length - _second.RemoveLength + _second.Insert.Length;
        return true;
    }
}
