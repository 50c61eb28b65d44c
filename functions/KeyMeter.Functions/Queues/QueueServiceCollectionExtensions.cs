using Azure.Core;
using KeyMeter.Adapters.Queues;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Local;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Queues;

/// <summary>
/// Queues and their dead letters: Service Bus over REST under the Functions host (through the app's
/// <see cref="TokenCredential"/>); in local mode in-process queues, whose dead letters are kept in Azurite.
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
            provider.GetRequiredService<TokenCredential>()));
        services.AddSingleton<IDeadLetters>(provider => new ServiceBusDeadLetters(
            provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.FullyQualifiedNamespace!,
            provider.GetRequiredService<TokenCredential>()));
        return services;
    }
}
