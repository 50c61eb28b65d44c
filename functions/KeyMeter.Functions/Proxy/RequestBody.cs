using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// A request body read once into memory, up to a limit. The proxy must see the whole body (model, stream, limits, and
/// nothing ambiguous) before it can decide to forward at all, so requests are read; responses never are. Small bodies
/// use pooled buffers; a large one gets an array of its own that the garbage collector reclaims after the request, so a
/// burst of large bodies leaves no pooled memory pinned. Every byte held counts against a <see cref="BufferedBodyBudget"/>.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    /// <summary>Largest buffer taken from the shared pool.</summary>
    public const int PooledLimit = 1024 * 1024;

    private const int InitialSize = 16 * 1024;

    private readonly BufferedBodyBudget _budget;
    private byte[] _buffer;
    private long _charged;

    private RequestBody(BufferedBodyBudget budget)
    {
        _budget = budget;
        _buffer = [];
    }

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>The body, or the reason it was not read. A <c>Content-Length</c> above the limit is refused before reading.</summary>
    public static async Task<(RequestBody? Body, RequestBodyFailure Failure)> ReadAsync(
        HttpRequest request, long limit, BufferedBodyBudget budget, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, RequestBodyFailure.TooLarge);
        }

        // The server's own ceiling is lifted to this limit (one byte more, so an overlong body shows itself); the limit
        // is enforced here.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = limit + 1;
        }

        var body = new RequestBody(budget);
        try
        {
            // Read from the request's pipe: what the server has already received is copied straight from its memory,
            // and a body whose length is known usually arrives in one read, its last.
            var reader = request.BodyReader;

            // One byte more than the limit, so a body that is too long shows itself without reading all of it.
            var failure = body.Grow((int)Math.Min(request.ContentLength + 1 ?? InitialSize, limit + 1));
            while (failure == RequestBodyFailure.None)
            {
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(cancellationToken);
                }
                catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    failure = RequestBodyFailure.TooLarge;
                    break;
                }

                var received = result.Buffer;
                while (!received.IsEmpty && failure == RequestBodyFailure.None)
                {
                    if (body.Length == body._buffer.Length)
                    {
                        failure = body.Length > limit ? RequestBodyFailure.TooLarge : body.Grow((int)Math.Min((long)body._buffer.Length * 2, limit + 1));
                        continue;
                    }

                    var take = (int)Math.Min(received.Length, body._buffer.Length - body.Length);
                    received.Slice(0, take).CopyTo(body._buffer.AsSpan(body.Length));
                    received = received.Slice(take);
                    body.Length += take;
                    failure = body.Length > limit ? RequestBodyFailure.TooLarge : RequestBodyFailure.None;
                }

                reader.AdvanceTo(received.Start);
                if (result.IsCompleted && failure == RequestBodyFailure.None)
                {
                    return (body, RequestBodyFailure.None);
                }
            }

            body.Dispose();
            return (null, failure);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length is > 0 and <= PooledLimit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _budget.Give(Interlocked.Exchange(ref _charged, 0));
    }

    private RequestBodyFailure Grow(int size)
    {
        if (!_budget.TryTake(size))
        {
            return RequestBodyFailure.Busy;
        }

        var larger = size <= PooledLimit ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
        _buffer.AsSpan(0, Length).CopyTo(larger);
        if (_buffer.Length is > 0 and <= PooledLimit)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        // While growing, both buffers were held; afterwards only the new one is.
        _budget.Give(_charged);
        _charged = size;
        _buffer = larger;
        return RequestBodyFailure.None;
    }
}
