using Azure.Identity;
using KeyMeter.Azure.Queues;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.Configuration;
using KeyMeter.Functions.Local;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Hosting;

/// <summary>Queues: Service Bus over REST under the Functions host, in-process queues in local mode.</summary>
internal static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterQueues(this IServiceCollection services, HostingMode mode)
    {
        if (mode.IsLocal)
        {
            services.AddLocalRuntime();
            return services;
        }

        services.AddOptions<ServiceBusOptions>().BindConfiguration(ServiceBusOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceBusOptions>, ServiceBusOptionsValidator>();
        services.AddSingleton<IQueueSender>(provider => new ServiceBusQueueSender(
            provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.FullyQualifiedNamespace!,
            new DefaultAzureCredential()));
        return services;
    }
}
