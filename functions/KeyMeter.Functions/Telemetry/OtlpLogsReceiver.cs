using System.Collections.Frozen;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Telemetry;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Proxy;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KeyMeter.Functions.Telemetry;

/// <summary>
/// <c>POST /otlp/v1/logs</c>: an agent's OpenTelemetry log export (Claude Code, Codex CLI, Gemini CLI) becomes usage
/// records, one per model call, priced with KeyMeter's own table and attributed to the key that sent it, never to an
/// attribute the client sets. A linear algorithm; its steps are numbered. A payload that cannot be read stores nothing.
/// </summary>
internal sealed class OtlpLogsReceiver(
    ProxyKeyResolver keys,
    CallPricing pricing,
    ProxiedSessions proxied,
    BufferedBodyBudget bodies,
    IUsageSink usage,
    IOptions<TelemetryOptions> options,
    ILogger<OtlpLogsReceiver> logger)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var settings = options.Value;
        var cancellationToken = context.RequestAborted;

        // 1. The encoding, from the content type; the answer uses the same.
        if (OtlpContentTypes.EncodingOf(request.ContentType) is not { } encoding)
        {
            await RefuseAsync(context, OtlpEncoding.Json, StatusCodes.Status415UnsupportedMediaType, OtlpAnswers.InvalidArgument, $"Send '{OtlpContentTypes.Protobuf}' or '{OtlpContentTypes.Json}' (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf or http/json).");
            return;
        }

        // 2. The developer's own KeyMeter key (OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer km_…).
        var found = await keys.AuthenticateAsync(request, cancellationToken);
        if (found.Unavailable)
        {
            await OtlpAnswers.FailAsync(context, encoding, StatusCodes.Status503ServiceUnavailable, OtlpAnswers.Unavailable, "KeyMeter cannot check keys right now; the exporter retries.", RetryAfter);
            return;
        }

        if (found.Key is not { } key)
        {
            await RefuseAsync(context, encoding, StatusCodes.Status401Unauthorized, OtlpAnswers.Unauthenticated, "Send your own KeyMeter key: OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20km_…");
            return;
        }

        // 3. The body, within its limits, inflated when gzip.
        var (body, failure) = await RequestBody.ReadAsync(request, settings.MaxBodyBytes, bodies, cancellationToken);
        using var owned = body;
        if (body is null)
        {
            await (failure == RequestBodyFailure.Busy
                ? OtlpAnswers.FailAsync(context, encoding, StatusCodes.Status503ServiceUnavailable, OtlpAnswers.Unavailable, "KeyMeter is busy; the exporter retries.", RetryAfter)
                : RefuseAsync(context, encoding, StatusCodes.Status413PayloadTooLarge, OtlpAnswers.ResourceExhausted, $"The body is larger than {settings.MaxBodyBytes} bytes; export smaller batches."));
            return;
        }

        var payload = body.Memory;
        var contentEncoding = request.Headers[HeaderNames.ContentEncoding].ToString();
        if (contentEncoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            var inflated = GzipBody.Inflate(payload, settings.MaxInflatedBytes, out var tooLarge);
            if (inflated is null)
            {
                await (tooLarge
                    ? RefuseAsync(context, encoding, StatusCodes.Status413PayloadTooLarge, OtlpAnswers.ResourceExhausted, $"The body inflates to more than {settings.MaxInflatedBytes} bytes; export smaller batches.")
                    : RefuseAsync(context, encoding, StatusCodes.Status400BadRequest, OtlpAnswers.InvalidArgument, "The body is not valid gzip."));
                return;
            }

            payload = inflated;
        }
        else if (contentEncoding.Length > 0 && !contentEncoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, encoding, StatusCodes.Status415UnsupportedMediaType, OtlpAnswers.InvalidArgument, "Only gzip content encoding is accepted.");
            return;
        }

        // 4. Read the whole payload before anything is stored: an unreadable one stores nothing.
        var batch = OtlpLogsDecoder.Decode(payload, encoding);
        if (batch.Error is { } error)
        {
            await RefuseAsync(context, encoding, StatusCodes.Status400BadRequest, OtlpAnswers.InvalidArgument, error);
            return;
        }

        // 5. The model calls; events that are not one are ignored, calls that cannot be priced are rejected.
        var calls = new List<AgentCall>();
        var rejected = 0;
        string? firstRejection = null;
        foreach (var telemetry in batch.Events)
        {
            switch (AgentCalls.Read(telemetry, out var call, out var rejection))
            {
                case AgentCallReading.Call:
                    calls.Add(call!);
                    break;
                case AgentCallReading.Rejected:
                    rejected++;
                    firstRejection ??= rejection;
                    break;
            }
        }

        // 6. Calls of a session that went through the proxy were counted there: drop them (ProxiedSessions).
        var developer = RecordDimensions.Developer(key.OwnerEmail);
        var sessions = calls.Select(call => SessionIds.Clean(call.SessionId)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        IReadOnlySet<string> viaProxy;
        try
        {
            viaProxy = sessions.Count == 0 ? FrozenSet<string>.Empty : await proxied.FindProxiedAsync(developer, sessions, cancellationToken);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            TelemetryLog.SessionsUnavailable(logger, exception);
            await OtlpAnswers.FailAsync(context, encoding, StatusCodes.Status503ServiceUnavailable, OtlpAnswers.Unavailable, "KeyMeter cannot check which sessions went through its proxy right now; the exporter retries.", RetryAfter);
            return;
        }

        // 7. One record per remaining call, priced by KeyMeter, with an id derived from the key and the event's content.
        var records = new List<UsageRecord>(calls.Count);
        foreach (var call in calls)
        {
            if (SessionIds.Clean(call.SessionId) is not { } session || !viaProxy.Contains(session))
            {
                records.Add(AgentUsageRecords.Of(call, key, pricing.Price(call.PriceProvider, call.Model, call.Tokens, call.Time)));
            }
        }

        // 8. Hand the records off (queue, or the outbox when it is down), then answer.
        foreach (var record in records)
        {
            await usage.PublishAsync(record, CancellationToken.None);
        }

        TelemetryLog.Ingested(logger, key.Id, batch.Events.Count, records.Count, calls.Count - records.Count, rejected);
        await OtlpAnswers.SuccessAsync(context, encoding, rejected, rejected == 0 ? null : $"{rejected} model-call events could not be priced; the first: {firstRejection}");
    }

    private Task RefuseAsync(HttpContext context, OtlpEncoding encoding, int status, int code, string reason)
    {
        TelemetryLog.Refused(logger, status, reason);
        return OtlpAnswers.FailAsync(context, encoding, status, code, reason);
    }
}
