using System.Buffers;
using System.IO.Pipelines;
using KeyMeter.Core.Metering;
using Microsoft.AspNetCore.Http.Features;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// Copies an upstream body to the client chunk by chunk with one pooled buffer, flushing after every read so SSE
/// events leave as they arrive, and shows every chunk to the usage meter first. A transform writes straight into the
/// response's pipe (the server's pooled memory), so rewriting costs no buffer of its own; nothing is held beyond one
/// read. When the client goes away, the upstream body is still read to its end (bounded by the upstream token, which
/// the caller cancels a while after the abort) so that what the provider bills is metered, not guessed.
/// </summary>
internal static class ResponseStreamer
{
    private const int BufferSize = 16 * 1024;

    /// <param name="clientToken">Cancelled when the client goes away: writes stop.</param>
    /// <param name="upstreamToken">Cancelled when reading the provider's answer must stop (the drain time after an abort).</param>
    public static async Task<CopyOutcome> CopyAsync(
        Stream upstream, HttpContext context, IUsageMeter meter, IResponseTransform? transform, CancellationToken clientToken, CancellationToken upstreamToken)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var client = context.Response.BodyWriter;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
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

                // The meter first: a transform may rely on what the meter found in the same bytes.
                meter.Observe(buffer.AsSpan(0, read));
                if (!clientGone)
                {
                    transform?.Transform(buffer.AsSpan(0, read), client);
                    clientGone = !await SendAsync(client, transform is null ? buffer.AsMemory(0, read) : default, clientToken);
                }
            }

            if (!clientGone && transform is not null)
            {
                transform.Complete(client);
                clientGone = !await SendAsync(client, default, clientToken);
            }

            return clientGone ? CopyOutcome.ClientAbortedDrained : CopyOutcome.Completed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> (if any) and flushes what the pipe holds; false when the client is gone.</summary>
    private static async ValueTask<bool> SendAsync(PipeWriter client, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            var result = bytes.IsEmpty ? await client.FlushAsync(cancellationToken) : await client.WriteAsync(bytes, cancellationToken);
            return !result.IsCanceled && !result.IsCompleted;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
