using Azure.Identity;
using KeyMeter.Azure.Queues;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.Configuration;
using KeyMeter.Functions.Local;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// Queues and their dead letters: Service Bus over REST under the Functions host; in local mode in-process queues, whose
/// dead letters are kept in Azurite.
/// </summary>
internal static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterQueues(this IServiceCollection services, HostingMode mode)
    {
        if (mode.IsLocal)
        {
            services.AddSingleton<IDeadLetterStore, TableDeadLetterStore>();
            services.AddLocalRuntime();
            return services;
        }

        services.AddOptions<ServiceBusOptions>().BindConfiguration(ServiceBusOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceBusOptions>, ServiceBusOptionsValidator>();
        services.AddSingleton<IQueueSender>(provider => new ServiceBusQueueSender(
            provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.FullyQualifiedNamespace!,
            new DefaultAzureCredential()));
        services.AddSingleton<IDeadLetters>(provider => new ServiceBusDeadLetters(
            provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.FullyQualifiedNamespace!,
            new DefaultAzureCredential()));
        return services;
    }
}
