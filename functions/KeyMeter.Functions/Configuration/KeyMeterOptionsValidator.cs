using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Configuration;

/// <summary>Source-generated validator of <see cref="KeyMeterOptions"/> (annotations and <c>IValidatableObject</c>).</summary>
[OptionsValidator]
internal sealed partial class KeyMeterOptionsValidator : IValidateOptions<KeyMeterOptions>;
