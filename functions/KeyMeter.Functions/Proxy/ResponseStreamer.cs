using System.Buffers;
using KeyMeter.Core.Metering;
using Microsoft.AspNetCore.Http.Features;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Copies an upstream body to the client chunk by chunk with a pooled buffer, flushing after every read so SSE events
/// leave as they arrive, and shows every chunk to the usage meter on the way. Nothing is buffered beyond one read.
/// When the client goes away, the upstream body is still read to its end (bounded by the upstream token,
/// which the caller cancels a while after the abort) so that what the provider bills is metered, not guessed.
/// </summary>
internal static class ResponseStreamer
{
    private const int BufferSize = 16 * 1024;

    /// <param name="clientToken">Cancelled when the client goes away: writes stop.</param>
    /// <param name="upstreamToken">Cancelled when reading the provider's answer must stop (the drain time after an abort).</param>
    public static async Task<CopyOutcome> CopyAsync(
        Stream upstream, HttpContext context, IUsageMeter meter, IResponseTransform? filter, CancellationToken clientToken, CancellationToken upstreamToken)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var client = context.Response.Body;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var filtered = filter is null ? null : new ArrayBufferWriter<byte>(BufferSize);
        var clientGone = clientToken.IsCancellationRequested;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await upstream.ReadAsync(buffer, upstreamToken);
                }
                catch (OperationCanceledException) when (upstreamToken.IsCancellationRequested)
                {
                    return CopyOutcome.ClientAborted;
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
                {
                    return CopyOutcome.UpstreamFailed;
                }

                if (read == 0)
                {
                    break;
                }

                meter.Observe(buffer.AsSpan(0, read));
                clientGone = clientGone || !await WriteAsync(client, buffer.AsMemory(0, read), filter, filtered, flushFilter: false, clientToken);
            }

            if (!clientGone && filter is not null)
            {
                clientGone = !await WriteAsync(client, ReadOnlyMemory<byte>.Empty, filter, filtered, flushFilter: true, clientToken);
            }

            return clientGone ? CopyOutcome.ClientAbortedDrained : CopyOutcome.Completed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<bool> WriteAsync(
        Stream client, ReadOnlyMemory<byte> chunk, IResponseTransform? filter, ArrayBufferWriter<byte>? filtered, bool flushFilter, CancellationToken cancellationToken)
    {
        var toWrite = chunk;
        if (filter is not null)
        {
            filtered!.ResetWrittenCount();
            if (flushFilter)
            {
                filter.Complete(filtered);
            }
            else
            {
                filter.Transform(chunk.Span, filtered);
            }

            toWrite = filtered.WrittenMemory;
        }

        try
        {
            if (!toWrite.IsEmpty)
            {
                await client.WriteAsync(toWrite, cancellationToken);
            }

            await client.FlushAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
