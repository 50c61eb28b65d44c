using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Queues;

/// <summary>Source-generated validator of <see cref="ServiceBusOptions"/>; registered only under the Functions host.</summary>
[OptionsValidator]
internal sealed partial class ServiceBusOptionsValidator : IValidateOptions<ServiceBusOptions>;
