using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using KeyMeter.Azure.Secrets;
using KeyMeter.Core.Secrets;
using KeyMeter.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// Secrets come from Key Vault (managed identity, cached in memory) when <c>KeyMeter__KeyVaultUri</c> is set, and
/// from <c>KeyMeter__Secrets__&lt;Name&gt;</c> otherwise.
/// </summary>
internal static class SecretsServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterSecrets(this IServiceCollection services)
    {
        services.AddSingleton<ISecretSource>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyMeterOptions>>().Value;
            if (options.KeyVaultUri is not { } vault)
            {
                return new ConfigurationSecretSource(provider.GetRequiredService<IConfiguration>());
            }

            var client = new SecretClient(vault, new DefaultAzureCredential());
            return new CachingSecretSource(
                new KeyVaultSecretSource(client),
                options.SecretCacheTtl,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<CachingSecretSource>>());
        });
        return services;
    }
}
