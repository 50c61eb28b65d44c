using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Digests;

/// <summary>Digest logs, EventIds 8200–8299.</summary>
internal static partial class DigestsLog
{
    [LoggerMessage(EventId = 8200, Level = LogLevel.Information, Message = "Digest {DigestId} done (no channel configured: {NothingConfigured})")]
    public static partial void Sent(ILogger logger, string digestId, bool nothingConfigured);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "Digest {DigestId} is still owed to {Channels}; the next run sends it again")]
    public static partial void NotSent(ILogger logger, string digestId, string channels);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Digest {DigestId} is older than KeyMeter__Digests__MaxCatchUpDays and is skipped")]
    public static partial void TooOld(ILogger logger, string digestId);
}
