using KeyMeter.Adapters.Metering;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Metering;

/// <summary>The usage pipeline's producer: the outbox every metered call writes to, the queue sink and the <c>usage-outbox</c> timer.</summary>
internal static class MeteringServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterMetering(this IServiceCollection services)
    {
        services.AddSingleton<IUsageOutbox, TableUsageOutbox>();
        services.AddSingleton<IUsageSink, QueueUsageSink>();
        services.AddSingleton<OutboxDrainer>();
        services.AddSingleton<IPayloadFunction, UsageOutboxFunction>();
        return services;
    }
}
