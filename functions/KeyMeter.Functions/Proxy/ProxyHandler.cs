using System.Diagnostics;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;
using KeyMeter.Core.Proxy;
using KeyMeter.Functions.Proxy.Forwarding;
using KeyMeter.Functions.Proxy.Providers;
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
    OutboundCalls outbound,
    ProxyForwarder forwarder,
    CallPricing pricing,
    BudgetGate budgets,
    ProxiedSessions proxiedSessions,
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

        // 3. The body (POST routes), read once and in full, then inspected the way the provider will read it.
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

        // 7. Unmetered routes (Anthropic's model list, token counting) pass straight through, for as long as the client stays.
        if (!route.IsMetered)
        {
            var passed = await forwarder.ForwardAsync(context, OutboundCalls.Unmetered(route, provider, body), providerKey, cancellationToken);
            await ForwardFailures.AnswerAsync(context, route, provider, passed, logger);
            return;
        }

        // 8. What the provider receives: the client's bytes with the provider's model id, or a translation (Claude on
        //    /v1 to Anthropic's Messages; Cursor's Responses-shaped bodies to the Responses API).
        Debug.Assert(summary is not null && routed is not null && body is not null, "Metered routes are POST routes: their body was inspected and routed.");
        var model = routed.Model;
        var planned = outbound.Metered(route, provider, routed, summary, body, startedAt);
        if (planned.Problem is { } invalid)
        {
            await FailAsync(context, route, invalid);
            return;
        }

        summary = planned.Summary;

        // 9. Reserve the most the call can cost against the key's budgets (hard block). A model without a price is
        //    reserved at the fallback prices, or refused on a budgeted key when the settings say so.
        var ceiling = pricing.Ceiling(provider, model, summary, planned.SentBytes, startedAt);
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

        // 10. The calling agent and its session. A named session is marked as proxied while the call is forwarded, so
        //     the agent's own telemetry of it is not counted a second time (ProxiedSessions).
        var client = CallClient.Of(context.Request, summary);
        var mark = client.SessionId is { } session ? proxiedSessions.MarkAsync(RecordDimensions.Developer(key.OwnerEmail), session) : Task.CompletedTask;

        // 11. Forward, meter the answer as it streams, and keep reading it for a while if the client leaves.
        using var lifetime = new UpstreamLifetime(options.Value.AbortDrainTimeout, cancellationToken);
        ForwardResult forwarded;
        try
        {
            forwarded = await forwarder.ForwardAsync(context, planned.Call! with { InputCeiling = ceiling.Tokens.InputTokens }, providerKey, lifetime.Token);
            await ForwardFailures.AnswerAsync(context, route, provider, forwarded, logger);
        }
        catch
        {
            // A bug, not an expected failure: give the reservation back before the exception surfaces.
            await budgets.ReleaseAsync(decision.Reservation!, CancellationToken.None);
            throw;
        }

        // 12. Settle the reservation on what the provider bills and hand the record off, once the session is marked.
        var reading = ProxyUsageRecords.Reading(forwarded, ceiling);
        var cost = pricing.Price(provider, reading.Model ?? model, reading.Usage, startedAt);
        if (cost.CostUsd > 0)
        {
            budgets.Settle(decision.Reservation!, cost.CostUsd);
        }
        else
        {
            await budgets.ReleaseAsync(decision.Reservation!, CancellationToken.None);
        }

        if (forwarded.End is CallEnd.ClientAbortedBeforeAnswer or CallEnd.ClientAbortedMidAnswer)
        {
            ProxyLog.DrainTimedOut(logger, key.Id, provider.Name, lifetime.Drain);
        }

        await MarkedAsync(mark, key);
        var record = ProxyUsageRecords.Of(
            key, provider.Name, reading.Model ?? model, route.Api!.Value, summary.Stream, startedAt, (long)time.GetElapsedTime(started).TotalMilliseconds, forwarded, reading, cost, cursor.Value.Enabled)
            with
        { Agent = client.Agent, SessionId = client.SessionId };
        await usage.PublishAsync(record, CancellationToken.None);
        ProxyLog.Metered(logger, record.Id, key.Id, record.Provider, record.Model, record.Status, record.Outcome, reading.Usage.TotalInputTokens, reading.Usage.OutputTokens, cost.CostUsd, reading.Estimated);
    }

    /// <summary>
    /// Waits for the session's proxied mark. A mark that could not be written is logged and the call recorded anyway:
    /// the agent's telemetry of this session may then count it a second time, which overstates spend, never hides it.
    /// </summary>
    private async Task MarkedAsync(Task mark, DeveloperKey key)
    {
        try
        {
            await mark;
        }
        catch (Exception exception)
        {
            ProxyLog.SessionMarkFailed(logger, key.Id, exception);
        }
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

    private async Task<DeveloperKey?> AuthenticateAsync(HttpContext context, ProxyRoute route)
    {
        var found = await keys.AuthenticateAsync(context.Request, context.RequestAborted);
        if (found.Key is null)
        {
            await FailAsync(context, route, found.Unavailable ? ProxyProblem.KeyStoreUnavailable() : ProxyProblem.InvalidKey());
        }

        return found.Key;
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
