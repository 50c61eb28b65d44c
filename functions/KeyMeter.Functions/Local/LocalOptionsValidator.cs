using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Local;

/// <summary>Source-generated validator of <see cref="LocalOptions"/>' data annotations.</summary>
[OptionsValidator]
internal sealed partial class LocalOptionsValidator : IValidateOptions<LocalOptions>;
