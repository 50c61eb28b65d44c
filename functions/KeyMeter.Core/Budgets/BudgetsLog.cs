using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Budgets;

/// <summary>Log events of the budgets feature (EventIds 1200–1299). Key ids only, never keys.</summary>
internal static partial class BudgetsLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Writing budget counter {PeriodKey} of key {KeyId} failed ({ErrorType}); {PendingCount} settlements are kept in memory and retried")]
    public static partial void CounterWriteFailed(ILogger logger, string keyId, string periodKey, string errorType, int pendingCount);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Leasing from budget counter {PeriodKey} of key {KeyId} failed ({ErrorType}); the request is refused as unavailable")]
    public static partial void LeaseFailed(ILogger logger, string keyId, string periodKey, string errorType);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Budget counter {PeriodKey} of key {KeyId} kept changing under {Attempts} attempts; the {Operation} is deferred")]
    public static partial void CounterContended(ILogger logger, string keyId, string periodKey, int attempts, string operation);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Key {KeyId} refused by its {Period} budget: {UsedUsd} of {LimitUsd} USD used, {EstimateUsd} USD asked")]
    public static partial void Refused(ILogger logger, string keyId, BudgetPeriod period, decimal usedUsd, decimal limitUsd, decimal estimateUsd);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "A reservation of key {KeyId} was neither settled nor released within {Timeout}; settled at its estimate of {EstimateUsd} USD")]
    public static partial void ReservationExpired(ILogger logger, string keyId, TimeSpan timeout, decimal estimateUsd);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Budget maintenance failed ({ErrorType})")]
    public static partial void MaintenanceFailed(ILogger logger, string errorType);
}
