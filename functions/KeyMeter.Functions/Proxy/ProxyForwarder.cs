using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Proxy.Translation;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Sends one call to its provider and streams the answer back, metering it on the way. Expected failures are values
/// (<see cref="ForwardResult"/>); the client-facing error for a provider that cannot be reached is written here, once.
/// Metered calls talk to the provider for as long as <see cref="UpstreamLifetime"/> allows, which outlasts the client
/// by the drain time, so an abort does not hide what the provider bills.
/// </summary>
internal sealed class ProxyForwarder(UpstreamClient upstream, IOptions<ProvidersOptions> providers, ILogger<ProxyForwarder> logger)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>A metered call on its own route. <paramref name="splice"/> asks for streamed usage; <paramref name="hideUsage"/> hides it again.</summary>
    public Task<ForwardResult> ForwardMeteredAsync(
        HttpContext context, ProxyRoute route, RequestBody body, BodySplice splice, bool hideUsage, string providerKey, long inputCeiling, UpstreamLifetime lifetime) =>
        ForwardAsync(context, route, new RequestBodyContent(body.Memory, splice), body, providerKey, route.Api!.Value, inputCeiling, lifetime, (response, streamed) =>
            hideUsage && response.IsSuccessStatusCode && streamed ? new UsageChunkTransform() : null);

    /// <summary>
    /// Cursor's GPT-5 quirk: a Responses-shaped body sent to chat completions goes to <c>/responses</c>, and the answer
    /// comes back translated to Chat Completions. Null when the body cannot be rewritten.
    /// </summary>
    public async Task<ForwardResult?> ForwardTranslatedAsync(
        HttpContext context, RequestBody body, bool includeUsage, string providerKey, long inputCeiling, UpstreamLifetime lifetime)
    {
        var rewritten = new ArrayBufferWriter<byte>(body.Length);
        if (!ResponsesRequestRewriter.Rewrite(body.Memory.Span, rewritten))
        {
            return null;
        }

        return await ForwardAsync(context, ProxyRoutes.CursorResponses, new RequestBodyContent(rewritten.WrittenMemory, BodySplice.None), body, providerKey, ApiFormat.Responses, inputCeiling, lifetime, (response, streamed) =>
            !response.IsSuccessStatusCode ? null
            : streamed ? new ResponsesStreamTransform(includeUsage)
            : new ResponsesJsonTransform());
    }

    /// <summary>Routes that cost nothing (model lists, token counting): straight through, for as long as the client stays.</summary>
    public async Task PassThroughAsync(HttpContext context, ProxyRoute route, RequestBody? body, string providerKey)
    {
        using var request = CreateRequest(context, route, body is null ? null : new RequestBodyContent(body.Memory, BodySplice.None), providerKey);
        var (response, _) = await SendAsync(context, route, request, context.RequestAborted);
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
        RequestBodyContent content,
        RequestBody body,
        string providerKey,
        ApiFormat api,
        long inputCeiling,
        UpstreamLifetime lifetime,
        Func<HttpResponseMessage, bool, IResponseTransform?> transformFor)
    {
        using var request = CreateRequest(context, route, content, providerKey);
        var (response, failed) = await SendAsync(context, route, request, lifetime.Token);

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
                return new ForwardResult((int)response.StatusCode, await CopyAsync(context, route, response, meter, transform, lifetime), meter);
            }
            finally
            {
                (transform as IDisposable)?.Dispose();
            }
        }
    }

    private async Task<CallEnd> CopyAsync(
        HttpContext context, ProxyRoute route, HttpResponseMessage response, IUsageMeter meter, IResponseTransform? transform, UpstreamLifetime lifetime)
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
            ProxyLog.UpstreamFailed(logger, ProviderNames.Of(route.Provider), "mid-stream", "response body cut");
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

    private HttpRequestMessage CreateRequest(HttpContext context, ProxyRoute route, HttpContent? content, string providerKey)
    {
        var settings = route.Provider == Provider.OpenAI ? providers.Value.OpenAI : providers.Value.Anthropic;
        var uri = new Uri(settings.BaseUrl!.AbsoluteUri.TrimEnd('/') + route.UpstreamPath + ProxyHeaders.Query(context.Request, route));
        if (content is not null)
        {
            content.Headers.ContentType = Json;
        }

        var request = new HttpRequestMessage(new HttpMethod(route.Method), uri) { Content = content, Version = HttpVersion.Version11 };
        ProxyHeaders.CopyRequestHeaders(context.Request, request, route.Provider);
        if (route.Provider == Provider.OpenAI)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + providerKey);
            AddIfSet(request, "OpenAI-Organization", settings.Organization);
            AddIfSet(request, "OpenAI-Project", settings.Project);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("x-api-key", providerKey);
            if (!request.Headers.Contains("anthropic-version"))
            {
                // Required by the Messages API; clients normally send it (https://docs.anthropic.com/en/api/versioning).
                request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
            }
        }

        return request;
    }

    /// <summary>Sends upstream; a failure is a value, answered to the client here once (502).</summary>
    private async Task<(HttpResponseMessage? Response, CallEnd Failed)> SendAsync(HttpContext context, ProxyRoute route, HttpRequestMessage request, CancellationToken cancellationToken)
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
            ProxyLog.UpstreamFailed(logger, ProviderNames.Of(route.Provider), "before answering", exception.GetType().Name);
            await ProviderError.WriteAsync(context, route.Provider, ProxyProblem.UpstreamUnavailable(ProviderNames.Of(route.Provider)));
            return (null, delivered ? CallEnd.FailedBeforeAnswer : CallEnd.NotDelivered);
        }
    }

    private static void AddIfSet(HttpRequestMessage request, string header, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }
    }
}
