using System.Buffers;
using System.Diagnostics;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;
using KeyMeter.Core.Proxy;
using KeyMeter.Core.Proxy.Translation;
using KeyMeter.Core.Proxy.Translation.Messages;
using KeyMeter.Functions.Proxy.Providers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// One proxied call, from the client's request to the usage record. A linear algorithm; its steps are numbered.
/// Expected refusals are <see cref="ProxyProblem"/> values rendered in the provider's error shape.
/// </summary>
internal sealed class ProxyHandler(
    ProxyKeyResolver keys,
    ProviderCatalog providers,
    ModelRouter router,
    AvailableModels available,
    UpstreamCredentials credentials,
    ProxyForwarder forwarder,
    CallPricing pricing,
    BudgetGate budgets,
    BufferedBodyBudget bodies,
    IUsageSink usage,
    TimeProvider time,
    IOptions<ProxyOptions> options,
    IOptions<CursorOptions> cursor,
    ILogger<ProxyHandler> logger)
{
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

        var provider = providers.Get(route.Provider);

        // 2. The caller's KeyMeter key: well formed, known, active and not expired.
        var key = await AuthenticateAsync(context, route);
        if (key is null)
        {
            return;
        }

        // 3. The body (POST routes), read once and in full, then inspected the way the provider will read it. The
        //    server's own ceiling is lifted to the proxy's limit here; RequestBody enforces it.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = options.Value.MaxRequestBodyBytes + 1;
        }

        var (body, failure) = HttpMethods.IsPost(route.Method)
            ? await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, bodies, cancellationToken)
            : (null, RequestBodyFailure.None);
        using var ownedBody = body;
        if (failure != RequestBodyFailure.None)
        {
            if (failure == RequestBodyFailure.Busy)
            {
                ProxyLog.BodyMemoryExhausted(logger, bodies.Used, bodies.Capacity);
            }

            await FailAsync(context, route, failure == RequestBodyFailure.Busy ? ProxyProblem.Busy() : ProxyProblem.TooLarge(options.Value.MaxRequestBodyBytes));
            return;
        }

        // 4. Where the call goes: metered calls by their model (ModelRouter), the rest to the route's provider. The
        //    allow-list is checked against the model id the call is priced and recorded under.
        RequestSummary? summary = null;
        RoutedModel? routed = null;
        if (body is not null)
        {
            summary = RequestInspector.Inspect(body.Memory.Span, out var error);
            var refusal = summary is null ? ProxyProblem.BadRequest(error!) : Route(route, summary, out routed) ?? Refusal(route, routed?.Provider ?? provider, key, summary, routed?.Model);
            if (refusal is not null)
            {
                await FailAsync(context, route, refusal, summary);
                return;
            }

            provider = routed?.Provider ?? provider;
        }

        // 5. Model lists: the key's exact allow-list, or on /v1 what the key can call across providers; no provider key needed.
        if (route.Method == "GET" && route.UpstreamPath.EndsWith("/models", StringComparison.Ordinal)
            && (ModelList.CanAnswer(key.AllowedModels) || route.Dialect == ProviderDialect.OpenAI))
        {
            var models = ModelList.CanAnswer(key.AllowedModels) ? key.AllowedModels : await available.ForAsync(route, key, cancellationToken);
            await ModelList.WriteAsync(context, route.Dialect, models, time.GetUtcNow());
            return;
        }

        // 6. The provider key. Missing configuration is the operator's problem, reported without detail to the client.
        var providerKey = await credentials.GetAsync(provider, cancellationToken);
        if (providerKey is null)
        {
            ProxyLog.ProviderNotConfigured(logger, provider.Name, provider.Credential.SecretName);
            await FailAsync(context, route, ProxyProblem.NotConfigured(provider.Name));
            return;
        }

        // 7. Unmetered routes (Anthropic's model list, token counting) pass straight through.
        if (!route.IsMetered)
        {
            await forwarder.PassThroughAsync(context, route, provider, body, providerKey);
            return;
        }

        // 8. A provider of another dialect than the route's gets the request translated (Claude on /v1: Chat
        //    Completions to Anthropic's Messages), with the output ceiling the translation asks for. Cursor sends
        //    Responses-shaped bodies to /chat/completions for GPT-5 and expects Chat Completions back: those need a
        //    provider with the Responses API.
        Debug.Assert(summary is not null && routed is not null && body is not null, "Metered routes are POST routes: their body was inspected and routed.");
        var model = routed.Model;
        var quirk = route.Api == ApiFormat.ChatCompletions && CursorResponsesQuirk.IsResponsesShaped(summary);
        if (quirk && !provider.ServesResponses)
        {
            await FailAsync(context, route, ProxyProblem.BadRequest($"A Responses-shaped body ('input', no 'messages') needs a provider with the Responses API; {provider.Name} has none. Send 'messages'."));
            return;
        }

        ArrayBufferWriter<byte>? messages = null;
        var includeUsage = summary.IncludeUsage;
        if (provider.Dialect != route.Dialect)
        {
            (messages, var translation) = ToMessages(body, summary, routed, provider, startedAt);
            if (translation.Error is { } translationError)
            {
                await FailAsync(context, route, ProxyProblem.BadRequest(translationError.Message));
                return;
            }

            summary = summary with { MaxOutputTokens = translation.MaxTokens };
            includeUsage = translation.IncludeUsage;
        }

        // 9. Reserve the most the call can cost against the key's budgets (hard block). A model without a price is
        //    reserved at the fallback prices, or refused on a budgeted key when the settings say so.
        var ceiling = pricing.Ceiling(provider, model, summary, Math.Max(body.Length, messages?.WrittenCount ?? 0), startedAt);
        if (ceiling.Unpriced && pricing.UnpricedModels == UnpricedModelPolicy.Refuse && key.Budgets.HasAny)
        {
            await FailAsync(context, route, ProxyProblem.Unpriced(model), summary);
            return;
        }

        var decision = await budgets.TryReserveAsync(key.Id, key.Budgets, ceiling.CostUsd, cancellationToken);
        if (decision.Outcome != BudgetOutcome.Admitted)
        {
            if (decision.IsRefused)
            {
                ProxyLog.BudgetExceeded(logger, key.Id, decision.Refusal.Period, decision.Refusal.LimitUsd);
            }

            await FailAsync(context, route, decision.IsRefused ? ProxyProblem.BudgetExceeded(decision.Refusal, time.GetUtcNow()) : ProxyProblem.BudgetsUnavailable(), summary);
            return;
        }

        // 10. Forward, meter the answer as it streams, and keep reading it for a while if the client leaves. Streaming
        //    Chat Completions always ask for usage; the usage chunk is hidden again from a client that did not ask.
        //    Translated calls are metered on the provider's own bytes and answered in the route's dialect.
        var askUsage = messages is null && !quirk && route.Api is ApiFormat.ChatCompletions or ApiFormat.Completions && summary.Stream;
        using var lifetime = new UpstreamLifetime(options.Value.AbortDrainTimeout, cancellationToken);
        ForwardResult? forwarded;
        try
        {
            forwarded = messages is not null
                ? await forwarder.ForwardToMessagesAsync(
                    context, provider, messages.WrittenMemory, body, includeUsage, startedAt.ToUnixTimeSeconds(), providerKey, ceiling.Tokens.InputTokens, lifetime)
                : quirk
                ? await forwarder.ForwardTranslatedAsync(context, provider, body, ModelSplice.For(summary, routed.UpstreamModel), summary.IncludeUsage, providerKey, ceiling.Tokens.InputTokens, lifetime)
                : await forwarder.ForwardMeteredAsync(
                    context, route, provider, body, ModelSplice.For(summary, routed.UpstreamModel), askUsage ? UsageRequestSplice.For(summary) : BodySplice.None, askUsage && !summary.IncludeUsage, providerKey, ceiling.Tokens.InputTokens, lifetime);
        }
        catch
        {
            // A bug, not an expected failure: give the reservation back before the exception surfaces.
            await budgets.ReleaseAsync(decision.Reservation!, CancellationToken.None);
            throw;
        }

        if (forwarded is null)
        {
            // Cannot happen after inspection; answered rather than forwarded somewhere else.
            await budgets.ReleaseAsync(decision.Reservation!, CancellationToken.None);
            await FailAsync(context, route, ProxyProblem.BadRequest("The request body is not a JSON object."));
            return;
        }

        // 11. Settle the reservation on what the provider bills and hand the record off. A call the provider may have
        //    served is never recorded at $0: without its own report, the reading is an estimate, and with no answer
        //    at all the call counts at its ceiling.
        var reading = Reading(forwarded.Value, ceiling);
        var cost = pricing.Price(provider, reading.Model ?? model, reading.Usage, startedAt);
        if (cost.CostUsd > 0)
        {
            budgets.Settle(decision.Reservation!, cost.CostUsd);
        }
        else
        {
            await budgets.ReleaseAsync(decision.Reservation!, CancellationToken.None);
        }

        if (forwarded.Value.End is CallEnd.ClientAbortedBeforeAnswer or CallEnd.ClientAbortedMidAnswer)
        {
            ProxyLog.DrainTimedOut(logger, key.Id, provider.Name, lifetime.Drain);
        }

        var record = new UsageRecord(
            Id: "px_" + Guid.CreateVersion7(startedAt).ToString("N"),
            Source: UsageSources.Proxy,
            StartedAt: startedAt,
            KeyId: key.Id,
            OwnerEmail: key.OwnerEmail,
            Tags: key.Tags,
            Provider: provider.Name,
            Model: reading.Model ?? model,
            Api: route.Api!.Value,
            Tokens: reading.Usage,
            CostUsd: cost.CostUsd,
            // With Cursor ingestion on, the fee comes from Cursor's own ledger (cursor-poll); counting this estimate too
            // would count it twice. Without it, the estimate is the best there is.
            CursorFeeUsd: cursor.Value.Enabled ? 0m : cost.CursorTokenFeeUsd,
            PriceVersion: cost.PriceVersion,
            Unpriced: cost.Unpriced,
            Estimated: reading.Estimated,
            Streamed: summary.Stream,
            Status: forwarded.Value.Status,
            Outcome: OutcomeOf(forwarded.Value.End),
            LatencyMs: (long)time.GetElapsedTime(started).TotalMilliseconds);
        await usage.PublishAsync(record, CancellationToken.None);
        ProxyLog.Metered(logger, record.Id, key.Id, record.Provider, record.Model, record.Status, record.Outcome, reading.Usage.TotalInputTokens, reading.Usage.OutputTokens, cost.CostUsd, reading.Estimated);
    }

    /// <summary>The provider a metered call goes to, or why there is none; unmetered routes keep the route's provider.</summary>
    private ProxyProblem? Route(ProxyRoute route, RequestSummary summary, out RoutedModel? routed)
    {
        routed = null;
        if (!route.IsMetered)
        {
            return null;
        }

        if (string.IsNullOrEmpty(summary.Model))
        {
            return ProxyProblem.BadRequest("The request needs a 'model'.");
        }

        routed = router.Route(route.Dialect, summary.Model, route.Translates);
        return routed is null ? ProxyProblem.ModelNotFound(summary.Model, route.Path) : null;
    }

    /// <summary>Why a well-formed body is refused for this key and route, or null when it may go on.</summary>
    private ProxyProblem? Refusal(ProxyRoute route, ProviderDescription provider, DeveloperKey key, RequestSummary summary, string? routedModel)
    {
        if ((routedModel ?? summary.Model) is { Length: > 0 } model && !key.AllowsModel(model))
        {
            ProxyLog.ModelNotAllowed(logger, key.Id, model);
            return ProxyProblem.ModelNotAllowed(model);
        }

        if (route.IsMetered && summary.Background)
        {
            return ProxyProblem.Background();
        }

        // Tiers billed above the list prices KeyMeter meters at (OpenAI's priority and scale) are refused.
        return summary.ServiceTier is { } tier && provider.SurchargedServiceTiers.Contains(tier, StringComparer.Ordinal) ? ProxyProblem.ServiceTier(tier) : null;
    }

    /// <summary>The Chat Completions body as an Anthropic Messages body for <paramref name="provider"/>, and how it went.</summary>
    private (ArrayBufferWriter<byte> Body, ChatToMessagesOutcome Outcome) ToMessages(
        RequestBody body, RequestSummary summary, RoutedModel routed, ProviderDescription provider, DateTimeOffset at)
    {
        var splice = ModelSplice.For(summary, routed.UpstreamModel);
        ReadOnlyMemory<byte> chat = splice.IsNone ? body.Memory : splice.ApplyTo(body.Memory.Span);
        var outputLimit = (int)Math.Clamp(pricing.OutputLimit(provider, routed.Model, at), 1, int.MaxValue);
        var output = new ArrayBufferWriter<byte>(body.Length + 512);
        return (output, ChatToMessagesRequest.Translate(chat.Span, outputLimit, output));
    }

    private static UsageReading Reading(ForwardResult forwarded, CallCeiling ceiling) => forwarded.End switch
    {
        CallEnd.UpstreamError or CallEnd.NotDelivered => new UsageReading(TokenUsage.Zero, null, false, null),
        CallEnd.ClientAbortedBeforeAnswer or CallEnd.FailedBeforeAnswer => new UsageReading(ceiling.Tokens, null, true, null),
        CallEnd.Completed or CallEnd.ClientAbortedDrained => forwarded.Meter.Complete(endedNormally: true),
        _ => forwarded.Meter.Complete(endedNormally: false),
    };

    private static string OutcomeOf(CallEnd end) => end switch
    {
        CallEnd.Completed => UsageOutcomes.Completed,
        CallEnd.UpstreamError => UsageOutcomes.UpstreamError,
        CallEnd.ClientAbortedDrained or CallEnd.ClientAbortedMidAnswer or CallEnd.ClientAbortedBeforeAnswer => UsageOutcomes.ClientAborted,
        _ => UsageOutcomes.UpstreamFailed,
    };

    private async Task<DeveloperKey?> AuthenticateAsync(HttpContext context, ProxyRoute route)
    {
        var secret = ProxyCredentials.Find(context.Request);
        var found = secret is null ? default : await keys.ResolveAsync(secret, context.RequestAborted);
        if (found.Unavailable)
        {
            await FailAsync(context, route, ProxyProblem.KeyStoreUnavailable());
            return null;
        }

        if (found.Key is { } key && key.IsUsableAt(time.GetUtcNow()))
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

    /// <summary>
    /// Answers a refusal in the route's error shape; a budget or allow-list refusal on Chat Completions goes into the chat
    /// instead when the client would hide the error (<see cref="ChatRefusal"/>).
    /// </summary>
    private Task FailAsync(HttpContext context, ProxyRoute route, ProxyProblem problem, RequestSummary? summary = null) =>
        summary is not null && !context.Response.HasStarted && ChatRefusal.Applies(context.Request, route, problem, options.Value.RefusalsInChat)
            ? ChatRefusal.WriteAsync(context, problem, options.Value.AdminContact, summary.Model, summary.Stream, summary.IncludeUsage, time.GetUtcNow())
            : ProviderError.WriteAsync(context, route.Dialect, problem);
}
