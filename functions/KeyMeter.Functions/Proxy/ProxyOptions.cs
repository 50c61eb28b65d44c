using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Proxy;

/// <summary>Proxy settings: <c>KeyMeter__Proxy__*</c>.</summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Proxy";

    /// <summary>Largest accepted request body. Default 32 MB; larger bodies get 413 and cost nothing upstream.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How long a key lookup is cached; a revoked key is refused at the latest this long after revocation. Default 30 s.</summary>
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRequestBodyBytes is < 1024 or > 100L * 1024 * 1024)
        {
            yield return new ValidationResult("KeyMeter__Proxy__MaxRequestBodyBytes must be between 1024 and 104857600 (the Functions host's own limit).", [nameof(MaxRequestBodyBytes)]);
        }

        if (KeyCacheTtl < TimeSpan.Zero || KeyCacheTtl > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("KeyMeter__Proxy__KeyCacheTtl must be between 00:00:00 and 00:10:00.", [nameof(KeyCacheTtl)]);
        }
    }
}
