using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Telemetry;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Telemetry;

/// <summary>
/// <c>POST /otlp/v1/metrics</c>: an agent's OpenTelemetry metric export becomes agent facts for the comparison (lines
/// of code, commits, pull requests, active time, and the agent's own cost and token counts as a cross-check), stored
/// under the developer who owns the key that sent it (<see cref="AgentMetrics"/>). Never spend. A linear algorithm; its
/// steps are numbered. A payload that cannot be read stores nothing.
/// </summary>
internal sealed class OtlpMetricsReceiver(OtlpIntake intake, IAgentFactStore facts, ILogger<OtlpMetricsReceiver> logger)
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

        // 4. Read the whole payload before anything is stored: an unreadable one stores nothing.
        var batch = OtlpMetricsDecoder.Decode(export.Payload, export.Encoding);
        if (batch.Error is { } error)
        {
            await intake.RefuseAsync(context, export.Encoding, StatusCodes.Status400BadRequest, OtlpAnswers.InvalidArgument, error);
            return;
        }

        // 5. The points KeyMeter keeps, as facts of the key's owner; other metrics are ignored.
        var developer = RecordDimensions.Developer(export.Key.OwnerEmail);
        var kept = new List<AgentFact>();
        var rejected = 0;
        string? firstRejection = null;
        foreach (var point in batch.Points)
        {
            switch (AgentMetrics.Read(point, developer, out var fact, out var rejection))
            {
                case AgentMetricReading.Fact:
                    kept.Add(fact!);
                    break;
                case AgentMetricReading.Rejected:
                    rejected++;
                    firstRejection ??= rejection;
                    break;
            }
        }

        // 6. Store them (the same point again replaces itself), then answer.
        if (kept.Count > 0)
        {
            try
            {
                await facts.PutAsync(kept, cancellationToken);
            }
            catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
            {
                TelemetryLog.FactsUnavailable(logger, exception);
                await OtlpAnswers.FailAsync(context, export.Encoding, StatusCodes.Status503ServiceUnavailable, OtlpAnswers.Unavailable, "KeyMeter cannot store metrics right now; the exporter retries.", OtlpIntake.RetryAfter);
                return;
            }
        }

        TelemetryLog.MetricsIngested(logger, export.Key.Id, batch.Points.Count, kept.Count, rejected);
        await OtlpAnswers.SuccessAsync(context, export.Encoding, OtlpAnswers.MetricsAnswer(rejected, rejected == 0 ? null : $"{rejected} points could not be read; the first: {firstRejection}"));
    }
}
