using System.Collections.Frozen;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Telemetry;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Proxy;

namespace KeyMeter.Functions.Telemetry;

/// <summary>
/// <c>POST /otlp/v1/logs</c>: an agent's OpenTelemetry log export (Claude Code, Codex CLI, Gemini CLI) becomes usage
/// records, one per model call, priced with KeyMeter's own table and attributed to the key that sent it, never to an
/// attribute the client sets. A linear algorithm; its steps are numbered. A payload that cannot be read stores nothing.
/// </summary>
internal sealed class OtlpLogsReceiver(
    OtlpIntake intake,
    CallPricing pricing,
    ProxiedSessions proxied,
    IUsageSink usage,
    ILogger<OtlpLogsReceiver> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;

        // 1–3. The encoding, the developer's key and the body (OtlpIntake); answered already when there is none.
        using var export = await intake.ReadAsync(context);
        if (export is null)
        {
            return;
        }

        var (encoding, key, payload) = (export.Encoding, export.Key, export.Payload);

        // 4. Read the whole payload before anything is stored: an unreadable one stores nothing.
        var batch = OtlpLogsDecoder.Decode(payload, encoding);
        if (batch.Error is { } error)
        {
            await intake.RefuseAsync(context, encoding, StatusCodes.Status400BadRequest, OtlpAnswers.InvalidArgument, error);
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
        var sessions = calls.Select(call => call.SessionId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        IReadOnlySet<string> viaProxy;
        try
        {
            viaProxy = sessions.Count == 0 ? FrozenSet<string>.Empty : await proxied.FindProxiedAsync(developer, sessions, cancellationToken);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            TelemetryLog.SessionsUnavailable(logger, exception);
            await OtlpAnswers.FailAsync(context, encoding, StatusCodes.Status503ServiceUnavailable, OtlpAnswers.Unavailable, "KeyMeter cannot check which sessions went through its proxy right now; the exporter retries.", OtlpIntake.RetryAfter);
            return;
        }

        // 7. One record per remaining call, priced by KeyMeter, with an id derived from the key and the event's content.
        var records = new List<UsageRecord>(calls.Count);
        foreach (var call in calls)
        {
            if (call.SessionId is not { } session || !viaProxy.Contains(session))
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
        await OtlpAnswers.SuccessAsync(context, encoding, OtlpAnswers.LogsAnswer(rejected, rejected == 0 ? null : $"{rejected} model-call events could not be priced; the first: {firstRejection}"));
    }
}
