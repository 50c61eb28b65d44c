using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Metering;

/// <summary>Log events of usage publishing (EventIds 1300–1349). Record and key ids only.</summary>
internal static partial class MeteringLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Usage record {RecordId} could not be published ({ErrorType}); kept in the outbox")]
    public static partial void PublishFailedKeptInOutbox(ILogger logger, string recordId, string errorType);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Re-sent {Count} usage records from the outbox")]
    public static partial void OutboxDrained(ILogger logger, int count);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Re-sending usage records from the outbox failed ({ErrorType}); {Count} still waiting")]
    public static partial void OutboxDrainFailed(ILogger logger, string errorType, int count);
}
