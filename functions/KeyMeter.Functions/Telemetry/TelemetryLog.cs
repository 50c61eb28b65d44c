namespace KeyMeter.Functions.Telemetry;

/// <summary>Agent telemetry ingestion's log events (56xx). Never a key, prompt or attribute value.</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "Telemetry from key {KeyId}: {Events} events, {Calls} model calls counted, {ViaProxy} already counted by the proxy, {Rejected} rejected")]
    public static partial void Ingested(ILogger logger, string keyId, int events, int calls, int viaProxy, int rejected);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "Telemetry payload refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 5603, Level = LogLevel.Warning, Message = "Telemetry payload deferred: the proxied sessions could not be read")]
    public static partial void SessionsUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5604, Level = LogLevel.Information, Message = "Metrics from key {KeyId}: {Points} points, {Facts} kept as agent facts, {Rejected} rejected")]
    public static partial void MetricsIngested(ILogger logger, string keyId, int points, int facts, int rejected);

    [LoggerMessage(EventId = 5605, Level = LogLevel.Warning, Message = "Metrics payload deferred: the agent facts could not be stored")]
    public static partial void FactsUnavailable(ILogger logger, Exception exception);
}
