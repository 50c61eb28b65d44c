using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// Sends one <see cref="OutboundCall"/> and streams the answer back, metering it on the way: build
/// (<see cref="UpstreamRequests"/>), send, copy (<see cref="ResponseStreamer"/>). Nothing here writes an error: every
/// way a call can end is a <see cref="CallEnd"/> in the <see cref="ForwardResult"/>, answered by
/// <see cref="ForwardFailures"/>. Metered calls talk to the provider for as long as the upstream token
/// allows (<see cref="UpstreamLifetime"/> outlasts the client by the drain time), so an abort does not hide what the
/// provider bills; unmetered ones only while the client stays.
/// </summary>
internal sealed class ProxyForwarder(UpstreamClient upstream, UpstreamRequests requests)
{
    public async Task<ForwardResult> ForwardAsync(HttpContext context, OutboundCall call, Providers.UpstreamAuthorization credential, CancellationToken upstreamToken)
    {
        // 1. Build.
        using var request = requests.Create(context.Request, call, credential);

        // 2. Send. A long stream must not keep its request's memory: once every byte is sent, the body goes back.
        HttpResponseMessage response;
        try
        {
            response = await upstream.Invoker.SendAsync(request, upstreamToken);
        }
        catch (OperationCanceledException) when (upstreamToken.IsCancellationRequested)
        {
            return new ForwardResult(0, CallEnd.ClientAbortedBeforeAnswer, UsageMeters.None);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            // No connection means the provider never saw the call; any later failure may come after it was served.
            var delivered = exception is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };
            return new ForwardResult(0, delivered ? CallEnd.FailedBeforeAnswer : CallEnd.NotDelivered, UsageMeters.None, exception.GetType().Name);
        }
        finally
        {
            if (call.Content is { Sent: true })
            {
                call.ClientBody?.Dispose();
            }
        }

        // 3. Copy, metering the provider's bytes and rewriting them for the client where the call says so.
        using (response)
        {
            var status = (int)response.StatusCode;
            var streamed = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
            var (meter, transform) = AnswerReader.For(call, status, streamed, response.Content.Headers.ContentLength);
            try
            {
                if (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = status;
                    ProxyHeaders.CopyResponseHeaders(response, context.Response, bodyRewritten: transform is not null);
                    if (transform?.ContentType is { } contentType)
                    {
                        context.Response.ContentType = contentType;
                    }
                }

                // With headers read first the stream is already there; the token only matters for its reads.
                await using var stream = await response.Content.ReadAsStreamAsync(CancellationToken.None);
                var copied = await ResponseStreamer.CopyAsync(stream, context, meter, transform, context.RequestAborted, upstreamToken);
                var end = (copied, response.IsSuccessStatusCode) switch
                {
                    (_, false) => CallEnd.UpstreamError,
                    (CopyOutcome.UpstreamFailed, _) => CallEnd.FailedMidAnswer,
                    (CopyOutcome.Completed, _) => CallEnd.Completed,
                    (CopyOutcome.ClientAbortedDrained, _) => CallEnd.ClientAbortedDrained,
                    _ => CallEnd.ClientAbortedMidAnswer,
                };
                return new ForwardResult(status, end, meter, Cut: copied == CopyOutcome.UpstreamFailed);
            }
            finally
            {
                (transform as IDisposable)?.Dispose();
            }
        }
    }
}
