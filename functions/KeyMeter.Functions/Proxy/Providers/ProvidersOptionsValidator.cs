using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>Source-generated validator of <see cref="ProvidersOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ProvidersOptionsValidator : IValidateOptions<ProvidersOptions>;
