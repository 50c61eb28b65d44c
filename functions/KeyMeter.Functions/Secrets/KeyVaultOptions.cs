using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Secrets;

/// <summary>
/// Where secrets come from: <c>KeyMeter__KeyVaultUri</c> and <c>KeyMeter__SecretCacheTtl</c>, at the top of the
/// <c>KeyMeter</c> section.
/// </summary>
public sealed class KeyVaultOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter";

    /// <summary>e.g. <c>https://kv-km123.vault.azure.net/</c>. When absent, secrets come from <c>KeyMeter__Secrets__&lt;Name&gt;</c>.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>How long a secret read from Key Vault is kept in memory. Default 5 minutes.</summary>
    public TimeSpan SecretCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SecretCacheTtl < TimeSpan.Zero || SecretCacheTtl > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("KeyMeter__SecretCacheTtl must be between 00:00:00 and 1.00:00:00.", [nameof(SecretCacheTtl)]);
        }

        if (KeyVaultUri is { } vault && (!vault.IsAbsoluteUri || vault.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                "KeyMeter__KeyVaultUri must be an absolute https URL such as https://kv-name.vault.azure.net/.",
                [nameof(KeyVaultUri)]);
        }
    }
}
