using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Aggregation;

/// <summary>Source-generated validator of <see cref="AggregationOptions"/>' data annotations.</summary>
[OptionsValidator]
internal sealed partial class AggregationOptionsValidator : IValidateOptions<AggregationOptions>;
