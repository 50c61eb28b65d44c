using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Local;

[OptionsValidator]
internal sealed partial class LocalRuntimeOptionsValidator : IValidateOptions<LocalRuntimeOptions>;
