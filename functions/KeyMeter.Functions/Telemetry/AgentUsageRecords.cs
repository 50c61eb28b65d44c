using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;
using KeyMeter.Core.Telemetry;

namespace KeyMeter.Functions.Telemetry;

/// <summary>
/// The usage record of a model call an agent reported, under the id <see cref="AgentCalls.RecordId"/> gives it: an
/// exporter that sends the same payload again produces the same ids and the aggregator counts each call once.
/// </summary>
internal static class AgentUsageRecords
{
    public static UsageRecord Of(AgentCall call, DeveloperKey key, CallCost cost) => new(
        Id: AgentCalls.RecordId(call, key.Id),
        Source: call.Source,
        StartedAt: call.Time,
        KeyId: key.Id,
        OwnerEmail: key.OwnerEmail,
        Tags: key.Tags,
        Provider: call.PriceProvider,
        Model: call.Model,
        Api: call.Api,
        Tokens: call.Tokens,
        CostUsd: cost.CostUsd,
        CursorFeeUsd: 0m,
        PriceVersion: cost.PriceVersion,
        Unpriced: cost.Unpriced,
        Estimated: false,
        Streamed: false,
        Status: StatusCodes.Status200OK,
        Outcome: UsageOutcomes.Completed,
        LatencyMs: 0)
    {
        Agent = call.Source,
        SessionId = call.SessionId,
    };
}
