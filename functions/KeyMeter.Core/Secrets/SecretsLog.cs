using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Secrets;

/// <summary>Log events of the secrets feature (EventIds 1100–1199). Names only, never values.</summary>
internal static partial class SecretsLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Refreshing secret {SecretName} failed ({ErrorType}); serving the cached value")]
    public static partial void RefreshFailedServingCached(ILogger logger, string secretName, string errorType);
}
