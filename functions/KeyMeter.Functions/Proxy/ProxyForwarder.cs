using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Proxy.Translation;
using KeyMeter.Core.Proxy.Translation.Messages;
using KeyMeter.Functions.Proxy.Providers;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Sends one call to its provider and streams the answer back, metering it on the way. Expected failures are values
/// (<see cref="ForwardResult"/>); the client-facing error for a provider that cannot be reached is written here, once.
/// Metered calls talk to the provider for as long as <see cref="UpstreamLifetime"/> allows, which outlasts the client
/// by the drain time, so an abort does not hide what the provider bills.
/// </summary>
internal sealed class ProxyForwarder(UpstreamClient upstream, ILogger<ProxyForwarder> logger)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// A metered call on its own route. <paramref name="model"/> gives the provider its own model id;
    /// <paramref name="usage"/> asks for streamed usage and <paramref name="hideUsage"/> hides it again.
    /// </summary>
    public Task<ForwardResult> ForwardMeteredAsync(
        HttpContext context,
        ProxyRoute route,
        ProviderDescription provider,
        RequestBody body,
        BodySplice model,
        BodySplice usage,
        bool hideUsage,
        UpstreamAuthorization providerKey,
        long inputCeiling,
        UpstreamLifetime lifetime) =>
        ForwardAsync(context, route, provider, new RequestBodyContent(body.Memory, model, usage), body, providerKey, route.Api!.Value, inputCeiling, lifetime, (response, streamed) =>
            hideUsage && response.IsSuccessStatusCode && streamed ? new UsageChunkTransform() : null);

    /// <summary>
    /// Cursor's GPT-5 quirk: a Responses-shaped body sent to chat completions goes to <c>/responses</c>, and the answer
    /// comes back translated to Chat Completions. Null when the body cannot be rewritten.
    /// </summary>
    public async Task<ForwardResult?> ForwardTranslatedAsync(
        HttpContext context, ProviderDescription provider, RequestBody body, BodySplice model, bool includeUsage, UpstreamAuthorization providerKey, long inputCeiling, UpstreamLifetime lifetime)
    {
        var rewritten = new ArrayBufferWriter<byte>(body.Length);
        if (!ResponsesRequestRewriter.Rewrite(model.IsNone ? body.Memory.Span : model.ApplyTo(body.Memory.Span), rewritten))
        {
            return null;
        }

        return await ForwardAsync(context, ProxyRoutes.CursorResponses, provider, new RequestBodyContent(rewritten.WrittenMemory, BodySplice.None), body, providerKey, ApiFormat.Responses, inputCeiling, lifetime, (response, streamed) =>
            !response.IsSuccessStatusCode ? null
            : streamed ? new ChatStreamTransform(new ResponsesToChatStreamTranslator(includeUsage))
            : new BufferedJsonTransform(static (body, client) => ResponsesToChatJsonTranslator.Translate(body, client) != ResponsesTranslationOutcome.Malformed));
    }

    /// <summary>
    /// Claude on <c>/v1</c>: Chat Completions already translated to an Anthropic Messages body
    /// (<paramref name="messagesBody"/>) go to the provider's Messages API; the answer (stream, completion or error)
    /// comes back as Chat Completions. The meter reads Anthropic's own bytes.
    /// </summary>
    public Task<ForwardResult> ForwardToMessagesAsync(
        HttpContext context,
        ProviderDescription provider,
        ReadOnlyMemory<byte> messagesBody,
        RequestBody body,
        bool includeUsage,
        long created,
        UpstreamAuthorization providerKey,
        long inputCeiling,
        UpstreamLifetime lifetime) =>
        ForwardAsync(context, ProxyRoutes.ChatToMessages, provider, new RequestBodyContent(messagesBody, BodySplice.None), body, providerKey, ApiFormat.AnthropicMessages, inputCeiling, lifetime, (response, streamed) =>
        {
            var status = (int)response.StatusCode;
            return !response.IsSuccessStatusCode ? new BufferedJsonTransform((error, client) =>
                {
                    MessagesErrorToChat.Translate(error, status, client);
                    return true;
                })
                : streamed ? new ChatStreamTransform(new MessagesToChatStreamTranslator(created, includeUsage))
                : new BufferedJsonTransform((answer, client) => MessagesToChatJson.Translate(answer, created, client) != MessagesTranslationOutcome.Malformed);
        });

    /// <summary>Routes that cost nothing (model lists, token counting): straight through, for as long as the client stays.</summary>
    public async Task PassThroughAsync(HttpContext context, ProxyRoute route, ProviderDescription provider, RequestBody? body, UpstreamAuthorization providerKey)
    {
        using var request = CreateRequest(context, route, provider, body is null ? null : new RequestBodyContent(body.Memory, BodySplice.None), providerKey);
        var (response, _) = await SendAsync(context, route, provider, request, context.RequestAborted);
        using (response)
        {
            if (response is null)
            {
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            ProxyHeaders.CopyResponseHeaders(response, context.Response, bodyRewritten: false);
            await using var stream = await response.Content.ReadAsStreamAsync(CancellationToken.None);
            await ResponseStreamer.CopyAsync(stream, context, UsageMeters.None, null, context.RequestAborted, context.RequestAborted);
        }
    }

    private async Task<ForwardResult> ForwardAsync(
        HttpContext context,
        ProxyRoute route,
        ProviderDescription provider,
        RequestBodyContent content,
        RequestBody body,
        UpstreamAuthorization providerKey,
        ApiFormat api,
        long inputCeiling,
        UpstreamLifetime lifetime,
        Func<HttpResponseMessage, bool, IResponseTransform?> transformFor)
    {
        using var request = CreateRequest(context, route, provider, content, providerKey);
        var (response, failed) = await SendAsync(context, route, provider, request, lifetime.Token);

        // A long stream must not keep its request's memory: once every byte is sent, the body goes back.
        if (content.Sent)
        {
            body.Dispose();
        }

        if (response is null)
        {
            return new ForwardResult(0, failed, UsageMeters.Create(api, streaming: false, inputCeiling));
        }

        using (response)
        {
            // Whether the answer streams is the response's to say: an error to a streaming request comes back as JSON.
            var streamed = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
            var meter = UsageMeters.Create(api, streamed, inputCeiling);
            var transform = transformFor(response, streamed);
            try
            {
                return new ForwardResult((int)response.StatusCode, await CopyAsync(context, provider, response, meter, transform, lifetime), meter);
            }
            finally
            {
                (transform as IDisposable)?.Dispose();
            }
        }
    }

    private async Task<CallEnd> CopyAsync(
        HttpContext context, ProviderDescription provider, HttpResponseMessage response, IUsageMeter meter, IResponseTransform? transform, UpstreamLifetime lifetime)
    {
        var success = response.IsSuccessStatusCode;
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            ProxyHeaders.CopyResponseHeaders(response, context.Response, bodyRewritten: transform is not null);
            if (transform?.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType;
            }
        }

        // With headers read first the stream is already there; the token only matters for its reads.
        await using var stream = await response.Content.ReadAsStreamAsync(CancellationToken.None);
        var copied = await ResponseStreamer.CopyAsync(stream, context, meter, transform, context.RequestAborted, lifetime.Token);
        if (copied == CopyOutcome.UpstreamFailed)
        {
            ProxyLog.UpstreamFailed(logger, provider.Name, "mid-stream", "response body cut");
            context.Abort();
        }

        return (copied, success) switch
        {
            (_, false) => CallEnd.UpstreamError,
            (CopyOutcome.Completed, _) => CallEnd.Completed,
            (CopyOutcome.ClientAbortedDrained, _) => CallEnd.ClientAbortedDrained,
            (CopyOutcome.ClientAborted, _) => CallEnd.ClientAbortedMidAnswer,
            _ => CallEnd.FailedMidAnswer,
        };
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, ProxyRoute route, ProviderDescription provider, HttpContent? content, UpstreamAuthorization providerKey)
    {
        if (content is not null)
        {
            content.Headers.ContentType = Json;
        }

        var uri = provider.UrlOf(route.UpstreamPath, ProxyHeaders.Query(context.Request, route));
        var request = new HttpRequestMessage(new HttpMethod(route.Method), uri) { Content = content, Version = HttpVersion.Version11 };
        ProxyHeaders.CopyRequestHeaders(context.Request, request, provider.Dialect);
        request.Headers.TryAddWithoutValidation(providerKey.Header, providerKey.Value);
        foreach (var (name, value) in provider.FixedHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var (name, value) in provider.DefaultHeaders)
        {
            if (!request.Headers.Contains(name))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>Sends upstream; a failure is a value, answered to the client here once (502).</summary>
    private async Task<(HttpResponseMessage? Response, CallEnd Failed)> SendAsync(
        HttpContext context, ProxyRoute route, ProviderDescription provider, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return (await upstream.Invoker.SendAsync(request, cancellationToken), CallEnd.Completed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, CallEnd.ClientAbortedBeforeAnswer);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            // No connection means the provider never saw the call; any later failure may come after it was served.
            var delivered = exception is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };
            ProxyLog.UpstreamFailed(logger, provider.Name, "before answering", exception.GetType().Name);
            await ProviderError.WriteAsync(context, route.Dialect, ProxyProblem.UpstreamUnavailable(provider.Name));
            return (null, delivered ? CallEnd.FailedBeforeAnswer : CallEnd.NotDelivered);
        }
    }
}
