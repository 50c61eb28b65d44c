using KeyMeter.Core.Secrets;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// The company's credential for a provider, as the header the provider reads: the secret named by the provider's
/// <see cref="ProviderCredential"/> (Key Vault, cached; locally configuration). Null when it is not configured.
/// </summary>
internal sealed class UpstreamCredentials(ISecretSource secrets)
{
    public async ValueTask<UpstreamAuthorization?> GetAsync(ProviderDescription provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var credential = provider.Credential;
        return await secrets.GetAsync(credential.SecretName, cancellationToken) is { } key
            ? new UpstreamAuthorization(credential.Header, credential.Prefix + key)
            : null;
    }
}
