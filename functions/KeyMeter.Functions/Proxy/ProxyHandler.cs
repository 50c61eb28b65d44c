using System.Buffers;
using System.Globalization;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Proxy.Translation;
using KeyMeter.Core.Secrets;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// One proxied call, from the client's request to the usage record. A linear algorithm; its steps are numbered.
/// Expected refusals are <see cref="ProxyProblem"/> values rendered in the provider's error shape.
/// </summary>
internal sealed class ProxyHandler(
    ProxyKeyResolver keys,
    ISecretSource secrets,
    UpstreamClient upstream,
    CallPricing pricing,
    BudgetGate budgets,
    IUsageSink usage,
    TimeProvider time,
    IOptions<ProvidersOptions> providers,
    IOptions<ProxyOptions> options,
    IOptions<CursorOptions> cursor,
    ILogger<ProxyHandler> logger)
{
    /// <summary>Spliced into a streaming Chat Completions body so the provider reports usage (lessons-from-peers #18).</summary>
    private static readonly byte[] IncludeUsageMember = "\"stream_options\":{\"include_usage\":true},"u8.ToArray();

    public async Task HandleAsync(HttpContext context, ProxyRoute route)
    {
        var cancellationToken = context.RequestAborted;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();

        // 1. The route's method.
        if (!HttpMethods.Equals(context.Request.Method, route.Method))
        {
            context.Response.Headers.Allow = route.Method;
            await FailAsync(context, route, ProxyProblem.MethodNotAllowed(context.Request.Method, route.Path, route.Method));
            return;
        }

        // 2. The caller's KeyMeter key: well formed, known, active and not expired.
        var key = await AuthenticateAsync(context, route);
        if (key is null)
        {
            return;
        }

        // 3. The body (POST routes): size limit, JSON, a model on the key's allow-list.
        using var body = HttpMethods.IsPost(route.Method)
            ? await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken)
            : null;
        if (HttpMethods.IsPost(route.Method) && body is null)
        {
            await FailAsync(context, route, ProxyProblem.TooLarge(options.Value.MaxRequestBodyBytes));
            return;
        }

        RequestSummary? summary = null;
        if (body is not null)
        {
            summary = RequestInspector.Inspect(body.Memory.Span, out var error);
            if (summary is null || (route.IsMetered && string.IsNullOrEmpty(summary.Model)))
            {
                await FailAsync(context, route, ProxyProblem.BadRequest(error ?? "The request needs a 'model'."));
                return;
            }

            if (summary.Model is { Length: > 0 } model && !key.AllowsModel(model))
            {
                ProxyLog.ModelNotAllowed(logger, key.Id, model);
                await FailAsync(context, route, ProxyProblem.ModelNotAllowed(model));
                return;
            }
        }

        // 4. The provider key. Missing configuration is the operator's problem, reported without detail to the client.
        var secretName = route.Provider == Provider.OpenAI ? SecretNames.OpenAIApiKey : SecretNames.AnthropicApiKey;
        var providerKey = await secrets.GetAsync(secretName, cancellationToken);
        if (providerKey is null)
        {
            ProxyLog.ProviderNotConfigured(logger, ProviderNames.Of(route.Provider), secretName);
            await FailAsync(context, route, ProxyProblem.NotConfigured(ProviderNames.Of(route.Provider)));
            return;
        }

        // 5. Unmetered routes (model lists, token counting) pass straight through.
        if (!route.IsMetered)
        {
            await PassThroughAsync(context, route, body, providerKey, key);
            return;
        }

        // 6. Reserve the call's estimated cost against the key's budgets (hard block).
        var estimatedInputTokens = Math.Max(1, body!.Length / 4);
        var estimate = pricing.Estimate(route.Provider, summary!.Model!, estimatedInputTokens, summary.MaxOutputTokens, startedAt);
        var decision = await budgets.TryReserveAsync(key.Id, key.Budgets, estimate, cancellationToken);
        if (decision.Outcome == BudgetOutcome.Refused)
        {
            var refusal = decision.Refusal!;
            ProxyLog.BudgetExceeded(logger, key.Id, refusal.Period, refusal.LimitUsd);
            await FailAsync(context, route, ProxyProblem.BudgetExceeded(refusal, time.GetUtcNow()));
            return;
        }

        if (decision.Outcome == BudgetOutcome.Unavailable)
        {
            await FailAsync(context, route, ProxyProblem.BudgetsUnavailable());
            return;
        }

        // 7. Forward, meter the response as it streams, and publish the record whatever happened.
        //    Cursor sends Responses-shaped bodies to /chat/completions for GPT-5 and expects Chat Completions back
        //    (cursor-api.md 3.2): such calls go to /responses and their answer is translated.
        var streaming = summary.Stream;
        var quirk = route.Api == ApiFormat.ChatCompletions && CursorResponsesQuirk.IsResponsesShaped(summary);
        var injectUsage = !quirk && route.Api == ApiFormat.ChatCompletions && streaming && !summary.IncludeUsage && !summary.HasStreamOptions;
        int status;
        string outcome;
        IUsageMeter meter;
        try
        {
            (status, outcome, meter) = quirk
                ? await ForwardTranslatedAsync(context, body, summary, providerKey, estimatedInputTokens)
                : await ForwardMeteredAsync(context, route, body, summary, providerKey, injectUsage, estimatedInputTokens);
        }
        catch
        {
            // A bug, not an expected failure: give the reservation back before the exception surfaces.
            await budgets.ReleaseAsync(decision.Reservation!, CancellationToken.None);
            throw;
        }

        // 8. Price the usage, settle the reservation, and hand the record off before the response completes. A
        //    provider error (4xx/5xx answer) or no answer at all costs nothing; an abort mid-stream costs what the
        //    provider reported or, failing that, the estimate of what was generated.
        var reading = meter.Complete(outcome == UsageOutcomes.Completed);
        if (outcome == UsageOutcomes.UpstreamError || status == 0)
        {
            reading = reading with { Usage = TokenUsage.Zero, Estimated = false };
        }

        var cost = pricing.Price(route.Provider, reading.Model ?? summary.Model!, reading.Usage, startedAt);
        if (reading.Usage.TotalTokens > 0)
        {
            await budgets.SettleAsync(decision.Reservation!, cost.CostUsd, CancellationToken.None);
        }
        else
        {
            await budgets.ReleaseAsync(decision.Reservation!, CancellationToken.None);
        }

        var record = new UsageRecord(
            Id: "px_" + Guid.CreateVersion7(startedAt).ToString("N"),
            Source: UsageSources.Proxy,
            StartedAt: startedAt,
            KeyId: key.Id,
            OwnerEmail: key.OwnerEmail,
            Tags: key.Tags,
            Provider: ProviderNames.Of(route.Provider),
            Model: reading.Model ?? summary.Model!,
            Api: route.Api!.Value,
            Tokens: reading.Usage,
            CostUsd: cost.CostUsd,
            // With Cursor ingestion on, the fee comes from Cursor's own ledger (cursor-poll); counting this estimate too
            // would count it twice. Without it, the estimate is the best there is.
            CursorFeeUsd: cursor.Value.Enabled ? 0m : cost.CursorTokenFeeUsd,
            PriceVersion: cost.PriceVersion,
            Unpriced: cost.Unpriced,
            Estimated: reading.Estimated,
            Streamed: streaming,
            Status: status,
            Outcome: outcome,
            LatencyMs: (long)time.GetElapsedTime(started).TotalMilliseconds);
        await usage.PublishAsync(record, CancellationToken.None);
        ProxyLog.Metered(logger, record.Id, key.Id, record.Provider, record.Model, status, outcome, reading.Usage.TotalInputTokens, reading.Usage.OutputTokens, cost.CostUsd, reading.Estimated);
    }

    private async Task<DeveloperKey?> AuthenticateAsync(HttpContext context, ProxyRoute route)
    {
        var secret = ProxyCredentials.Find(context.Request);
        DeveloperKey? key;
        try
        {
            key = secret is null ? null : await keys.ResolveAsync(secret, context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ProxyLog.KeyLookupFailed(logger, exception.GetType().Name);
            await FailAsync(context, route, ProxyProblem.KeyStoreUnavailable());
            return null;
        }

        if (key is not null && key.IsUsableAt(time.GetUtcNow()))
        {
            return key;
        }

        if (secret is not null)
        {
            ProxyLog.InvalidKey(logger, KeySecret.Hash(secret)[..8]);
        }

        await FailAsync(context, route, ProxyProblem.InvalidKey());
        return null;
    }

    private async Task<(int Status, string Outcome, IUsageMeter Meter)> ForwardMeteredAsync(
        HttpContext context, ProxyRoute route, RequestBody body, RequestSummary summary, string providerKey, bool injectUsage, long estimatedInputTokens)
    {
        var content = injectUsage
            ? new RequestBodyContent(body.Memory, summary.OpeningBraceOffset, IncludeUsageMember)
            : new RequestBodyContent(body.Memory);
        using var request = CreateUpstreamRequest(context, route, content, providerKey);
        using var response = await SendAsync(context, route, request);
        if (response is null)
        {
            var failed = context.RequestAborted.IsCancellationRequested ? UsageOutcomes.ClientAborted : UsageOutcomes.UpstreamFailed;
            return (0, failed, UsageMeters.Create(route.Api!.Value, summary.Stream, estimatedInputTokens));
        }

        // Whether the answer streams is the response's to say: an error to a streaming request comes back as JSON.
        var streamed = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        var meter = UsageMeters.Create(route.Api!.Value, streamed, estimatedInputTokens);
        var success = response.IsSuccessStatusCode;
        var filter = injectUsage && success && streamed ? new UsageChunkTransform() : null;
        var outcome = await CopyMeteredAsync(context, route, response, meter, filter);
        return ((int)response.StatusCode, outcome, meter);
    }

    /// <summary>Cursor's GPT-5 quirk: the Responses-shaped body goes to /responses, the answer comes back as Chat Completions.</summary>
    private async Task<(int Status, string Outcome, IUsageMeter Meter)> ForwardTranslatedAsync(
        HttpContext context, RequestBody body, RequestSummary summary, string providerKey, long estimatedInputTokens)
    {
        var route = ProxyRoutes.CursorResponses;
        var rewritten = new ArrayBufferWriter<byte>(body.Length);
        if (!ResponsesRequestRewriter.Rewrite(body.Memory.Span, rewritten))
        {
            await FailAsync(context, route, ProxyProblem.BadRequest("The request body is not a JSON object."));
            return (0, UsageOutcomes.UpstreamError, UsageMeters.None);
        }

        using var request = CreateUpstreamRequest(context, route, new RequestBodyContent(rewritten.WrittenMemory), providerKey);
        using var response = await SendAsync(context, route, request);
        if (response is null)
        {
            var failed = context.RequestAborted.IsCancellationRequested ? UsageOutcomes.ClientAborted : UsageOutcomes.UpstreamFailed;
            return (0, failed, UsageMeters.Create(ApiFormat.Responses, summary.Stream, estimatedInputTokens));
        }

        var streamed = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        var meter = UsageMeters.Create(ApiFormat.Responses, streamed, estimatedInputTokens);
        IResponseTransform? transform = !response.IsSuccessStatusCode ? null
            : streamed ? new ResponsesStreamTransform(summary.IncludeUsage)
            : new ResponsesJsonTransform();
        try
        {
            var outcome = await CopyMeteredAsync(context, route, response, meter, transform);
            return ((int)response.StatusCode, outcome, meter);
        }
        finally
        {
            (transform as IDisposable)?.Dispose();
        }
    }

    private async Task<string> CopyMeteredAsync(
        HttpContext context, ProxyRoute route, HttpResponseMessage response, IUsageMeter meter, IResponseTransform? filter)
    {
        var success = response.IsSuccessStatusCode;
        context.Response.StatusCode = (int)response.StatusCode;
        ProxyHeaders.CopyResponseHeaders(response, context.Response, bodyRewritten: filter is not null);
        if (filter?.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var copied = await ResponseStreamer.CopyAsync(stream, context, meter, filter, context.RequestAborted);
        var outcome = copied switch
        {
            CopyOutcome.ClientAborted => UsageOutcomes.ClientAborted,
            CopyOutcome.UpstreamFailed => UsageOutcomes.UpstreamFailed,
            _ => success ? UsageOutcomes.Completed : UsageOutcomes.UpstreamError,
        };
        if (copied == CopyOutcome.UpstreamFailed)
        {
            ProxyLog.UpstreamFailed(logger, ProviderNames.Of(route.Provider), "mid-stream", "response body cut");
            context.Abort();
        }

        return outcome;
    }

    private async Task PassThroughAsync(HttpContext context, ProxyRoute route, RequestBody? body, string providerKey, DeveloperKey key)
    {
        if (route.Method == "GET" && route.UpstreamPath.EndsWith("/models", StringComparison.Ordinal) && ModelList.CanAnswer(key.AllowedModels))
        {
            await ModelList.WriteAsync(context, route.Provider, key.AllowedModels, time.GetUtcNow());
            return;
        }

        using var request = CreateUpstreamRequest(context, route, body is null ? null : new RequestBodyContent(body.Memory), providerKey);
        using var response = await SendAsync(context, route, request);
        if (response is null)
        {
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        ProxyHeaders.CopyResponseHeaders(response, context.Response, bodyRewritten: false);
        await using var stream = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await ResponseStreamer.CopyAsync(stream, context, UsageMeters.None, null, context.RequestAborted);
    }

    private HttpRequestMessage CreateUpstreamRequest(HttpContext context, ProxyRoute route, HttpContent? content, string providerKey)
    {
        var baseUrl = (route.Provider == Provider.OpenAI ? providers.Value.OpenAI.BaseUrl : providers.Value.Anthropic.BaseUrl)!;
        var uri = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + route.UpstreamPath + context.Request.QueryString.Value);
        var request = new HttpRequestMessage(new HttpMethod(route.Method), uri) { Content = content, Version = new Version(1, 1) };
        ProxyHeaders.CopyRequestHeaders(context.Request, request);
        if (route.Provider == Provider.OpenAI)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + providerKey);
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

    /// <summary>Sends upstream; a failure to connect or a client abort becomes a value (null), answered here once.</summary>
    private async Task<HttpResponseMessage?> SendAsync(HttpContext context, ProxyRoute route, HttpRequestMessage request)
    {
        try
        {
            return await upstream.Invoker.SendAsync(request, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            ProxyLog.UpstreamFailed(logger, ProviderNames.Of(route.Provider), "before answering", exception.GetType().Name);
            await FailAsync(context, route, ProxyProblem.UpstreamUnavailable(ProviderNames.Of(route.Provider)));
            return null;
        }
    }

    private static Task FailAsync(HttpContext context, ProxyRoute route, ProxyProblem problem)
    {
        if (problem.RetryAfter is { } retryAfter && !context.Response.HasStarted)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return ProviderError.WriteAsync(context, route.Provider, problem.Status, problem.Type, problem.Code, problem.Message);
    }
}
