using System.Collections.Concurrent;
using Azure.Core;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// The company's credential for a provider, as the header the provider reads (<see cref="ProviderCredential"/>):
/// <list type="bullet">
/// <item>for a provider that takes the app's managed identity (unless its settings say <c>Key</c>), a token from the
/// one registered <see cref="TokenCredential"/>, cached per scope (<see cref="AccessTokenCache"/>), as
/// <c>Authorization: Bearer</c>;</item>
/// <item>otherwise, or when no token can be had and the provider's key secret exists, that secret (Key Vault, cached;
/// locally configuration) in the provider's key header.</item>
/// </list>
/// Null when neither is available: the handler answers <c>provider_not_configured</c>.
/// </summary>
internal sealed class UpstreamCredentials(ISecretSource secrets, TokenCredential identity, TimeProvider time, ILogger<UpstreamCredentials> logger)
{
    /// <summary>How often, at most, the fallback to a key is logged per provider while tokens cannot be had.</summary>
    private static readonly TimeSpan FallbackLogInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, AccessTokenCache> _tokens = new(StringComparer.Ordinal);
    private readonly Func<string, AccessTokenCache> _newCache = scope => new AccessTokenCache(scope, identity, time, logger);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _fallbackLogged = new(StringComparer.Ordinal);

    // The last header built per provider and credential kind, reused while its secret or token is the same string:
    // a call then builds no "Bearer …" string of its own.
    private readonly ConcurrentDictionary<(string Provider, bool Token), Built> _built = new();

    public async ValueTask<UpstreamAuthorization?> GetAsync(ProviderDescription provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var credential = provider.Credential;
        if (credential is { TokenScope: { } scope, PreferToken: true })
        {
            var cache = _tokens.GetOrAdd(scope, _newCache);
            if (await cache.GetAsync(cancellationToken) is { } token)
            {
                return Reuse(provider.Name, true, token, "Authorization", "Bearer ");
            }

            var fallback = await KeyAsync(provider.Name, credential, cancellationToken);
            if (fallback is not null && ShouldLogFallback(provider.Name))
            {
                ProviderLog.KeyFallback(logger, provider.Name, credential.SecretName);
            }

            return fallback;
        }

        return await KeyAsync(provider.Name, credential, cancellationToken);
    }

    private async ValueTask<UpstreamAuthorization?> KeyAsync(string provider, ProviderCredential credential, CancellationToken cancellationToken) =>
        await secrets.GetAsync(credential.SecretName, cancellationToken) is { } key
            ? Reuse(provider, false, key, credential.Header, credential.Prefix)
            : null;

    private UpstreamAuthorization Reuse(string provider, bool token, string secret, string header, string prefix)
    {
        if (_built.TryGetValue((provider, token), out var built) && string.Equals(built.Secret, secret, StringComparison.Ordinal) && built.Authorization.Header == header)
        {
            return built.Authorization;
        }

        var authorization = new UpstreamAuthorization(header, prefix + secret);
        _built[(provider, token)] = new Built(secret, authorization);
        return authorization;
    }

    private bool ShouldLogFallback(string provider)
    {
        var now = time.GetUtcNow();
        var last = _fallbackLogged.GetOrAdd(provider, DateTimeOffset.MinValue);
        return now - last >= FallbackLogInterval && _fallbackLogged.TryUpdate(provider, now, last);
    }

    /// <summary>A class, not a record: a record's generated ToString would print the secret.</summary>
    private sealed class Built(string secret, UpstreamAuthorization authorization)
    {
        public string Secret { get; } = secret;

        public UpstreamAuthorization Authorization { get; } = authorization;
    }
}
