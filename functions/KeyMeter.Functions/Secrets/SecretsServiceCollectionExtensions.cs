using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using KeyMeter.Adapters.Secrets;
using KeyMeter.Core.Secrets;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Secrets;

/// <summary>
/// Secrets come from Key Vault (through the app's <see cref="TokenCredential"/>, cached in memory) when
/// <c>KeyMeter__KeyVaultUri</c> is set, and from <c>KeyMeter__Secrets__&lt;Name&gt;</c> otherwise.
/// </summary>
internal static class SecretsServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterSecrets(this IServiceCollection services)
    {
        services.AddOptions<KeyVaultOptions>().BindConfiguration(KeyVaultOptions.SectionName).ValidateOnStart();
        // An empty value in local.settings.json means "not set", not a relative URL.
        services.PostConfigure<KeyVaultOptions>(options => options.KeyVaultUri = options.KeyVaultUri is { OriginalString.Length: 0 } ? null : options.KeyVaultUri);
        services.AddSingleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>();
        services.AddSingleton<ISecretSource>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
            if (options.KeyVaultUri is not { } vault)
            {
                return new ConfigurationSecretSource(provider.GetRequiredService<IConfiguration>());
            }

            var client = new SecretClient(vault, provider.GetRequiredService<TokenCredential>());
            return new CachingSecretSource(
                new KeyVaultSecretSource(client),
                options.SecretCacheTtl,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<CachingSecretSource>>());
        });
        return services;
    }
}
