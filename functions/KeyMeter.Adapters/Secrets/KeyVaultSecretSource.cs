using Azure;
using Azure.Security.KeyVault.Secrets;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Adapters.Secrets;

/// <summary>
/// Reads secrets from Key Vault with the app's managed identity. Uncached: wrap it in
/// <see cref="CachingSecretSource"/>. A missing secret is <c>null</c>, not an error.
/// </summary>
internal sealed class KeyVaultSecretSource(SecretClient client) : ISecretSource
{
    public async ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetSecretAsync(name, version: null, cancellationToken);
            var secret = response.Value;
            return secret.Properties.Enabled == false ? null : secret.Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public void Invalidate(string name)
    {
        // Nothing is cached here.
    }
}
