using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>Source-generated validator of <see cref="ProxyOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ProxyOptionsValidator : IValidateOptions<ProxyOptions>;
