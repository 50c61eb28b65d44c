namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// Log events of the providers' credentials (EventIds 5090–5099, in the proxy's range). Provider names, scopes and
/// error types only: never a key or a token.
/// </summary>
internal static partial class ProviderLog
{
    [LoggerMessage(EventId = 5090, Level = LogLevel.Warning, Message = "Could not get a managed-identity token for {Scope} ({ErrorType}); the previous token is still used: {KeptPrevious}")]
    public static partial void TokenFailed(ILogger logger, string scope, string errorType, bool keptPrevious);

    [LoggerMessage(EventId = 5091, Level = LogLevel.Warning, Message = "No managed-identity token for {Provider}: calls are authenticated with the {SecretName} key until one can be had")]
    public static partial void KeyFallback(ILogger logger, string provider, string secretName);
}
