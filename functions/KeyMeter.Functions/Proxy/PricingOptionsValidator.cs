using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>Source-generated validator of <see cref="PricingOptions"/>, each override included.</summary>
[OptionsValidator]
internal sealed partial class PricingOptionsValidator : IValidateOptions<PricingOptions>;
