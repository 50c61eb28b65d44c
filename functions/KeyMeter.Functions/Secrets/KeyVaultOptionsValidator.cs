using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Secrets;

/// <summary>Source-generated validator of <see cref="KeyVaultOptions"/> (annotations and <c>IValidatableObject</c>).</summary>
[OptionsValidator]
internal sealed partial class KeyVaultOptionsValidator : IValidateOptions<KeyVaultOptions>;
