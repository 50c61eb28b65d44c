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

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Key lookup failed ({ErrorType}); refusing the request")]
    public static partial void KeyLookupFailed(ILogger logger, string errorType);
}
