using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;
using KeyMeter.Functions.Proxy.Forwarding;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// What a forwarded call counts as. A call the provider may have served is never recorded at $0: without its own report
/// the reading is an estimate, and with no answer at all the call counts at its ceiling. Only a call that never reached
/// the provider, or got an error status, reads zero.
/// </summary>
internal static class ProxyUsageRecords
{
    public static UsageReading Reading(ForwardResult forwarded, CallCeiling ceiling) => forwarded.End switch
    {
        CallEnd.UpstreamError or CallEnd.NotDelivered => new UsageReading(TokenUsage.Zero, null, false, null),
        CallEnd.ClientAbortedBeforeAnswer or CallEnd.FailedBeforeAnswer => new UsageReading(ceiling.Tokens, null, true, null),
        CallEnd.Completed or CallEnd.ClientAbortedDrained => forwarded.Meter.Complete(endedNormally: true),
        _ => forwarded.Meter.Complete(endedNormally: false),
    };

    /// <param name="cursorFeeIngested">Whether Cursor's own ledger is polled (its fee is counted there, not estimated here).</param>
    public static UsageRecord Of(
        DeveloperKey key, string provider, string model, ApiFormat api, bool streamed, DateTimeOffset startedAt, long latencyMs, ForwardResult forwarded, UsageReading reading, CallCost cost, bool cursorFeeIngested) => new(
        Id: "px_" + Guid.CreateVersion7(startedAt).ToString("N"),
        Source: UsageSources.Proxy,
        StartedAt: startedAt,
        KeyId: key.Id,
        OwnerEmail: key.OwnerEmail,
        Tags: key.Tags,
        Provider: provider,
        Model: model,
        Api: api,
        Tokens: reading.Usage,
        CostUsd: cost.CostUsd,

        // With Cursor ingestion on, the fee comes from Cursor's own ledger (cursor-poll); counting this estimate too
        // would count it twice. Without it, the estimate is the best there is.
        CursorFeeUsd: cursorFeeIngested ? 0m : cost.CursorTokenFeeUsd,
        PriceVersion: cost.PriceVersion,
        Unpriced: cost.Unpriced,
        Estimated: reading.Estimated,
        Streamed: streamed,
        Status: forwarded.Status,
        Outcome: OutcomeOf(forwarded.End),
        LatencyMs: latencyMs);

    private static string OutcomeOf(CallEnd end) => end switch
    {
        CallEnd.Completed => UsageOutcomes.Completed,
        CallEnd.UpstreamError => UsageOutcomes.UpstreamError,
        CallEnd.ClientAbortedDrained or CallEnd.ClientAbortedMidAnswer or CallEnd.ClientAbortedBeforeAnswer => UsageOutcomes.ClientAborted,
        _ => UsageOutcomes.UpstreamFailed,
    };
}
