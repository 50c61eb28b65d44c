using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Storage;

/// <summary>Source-generated validator of <see cref="StorageOptions"/> (annotations and <c>IValidatableObject</c>).</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
