using KeyMeter.Core.Budgets;

namespace KeyMeter.Functions.Proxy;

/// <summary>Log events of the proxy (EventIds 5000–5099). Key ids, models and statuses only: never a key, prompt or completion.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Refused a request with an unknown, revoked or expired key (hash prefix {HashPrefix})")]
    public static partial void InvalidKey(ILogger logger, string hashPrefix);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Key {KeyId} asked for model {Model}, which is not on its allow-list")]
    public static partial void ModelNotAllowed(ILogger logger, string keyId, string model);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Key {KeyId} refused: {Budget} budget of {Limit} USD reached")]
    public static partial void BudgetExceeded(ILogger logger, string keyId, BudgetPeriod budget, decimal limit);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Upstream {Provider} failed {Stage} ({ErrorType})")]
    public static partial void UpstreamFailed(ILogger logger, string provider, string stage, string errorType);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Metered {RecordId}: key {KeyId}, {Provider} {Model}, status {Status}, {Outcome}, {InputTokens} in / {OutputTokens} out, {CostUsd} USD, estimated {Estimated}")]
    public static partial void Metered(ILogger logger, string recordId, string keyId, string provider, string model, int status, string outcome, long inputTokens, long outputTokens, decimal? costUsd, bool estimated);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "No {Provider} key is configured (secret {SecretName}); refusing proxied requests")]
    public static partial void ProviderNotConfigured(ILogger logger, string provider, string secretName);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Key lookup failed ({ErrorType}); served from the last known state: {ServedStale}")]
    public static partial void KeyLookupFailed(ILogger logger, string errorType, bool servedStale);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Key {KeyId} changed, but the key-change watermark could not be advanced ({ErrorType}); other instances see the change when their cache expires")]
    public static partial void KeyWatermarkNotAdvanced(ILogger logger, string keyId, string errorType);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "The key-change watermark could not be read ({ErrorType}); cached keys keep serving")]
    public static partial void KeyWatermarkUnreadable(ILogger logger, string errorType);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Refused a request: {BufferedBytes} of {CapacityBytes} request bytes are already held in memory")]
    public static partial void BodyMemoryExhausted(ILogger logger, long bufferedBytes, long capacityBytes);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Key {KeyId}: the client left; {Provider}'s answer did not end within {Drain} and the call is recorded as an estimate")]
    public static partial void DrainTimedOut(ILogger logger, string keyId, string provider, TimeSpan drain);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Key {KeyId}: the call's session could not be marked as proxied; the agent's telemetry of it may count it again")]
    public static partial void SessionMarkFailed(ILogger logger, string keyId, Exception exception);
}
