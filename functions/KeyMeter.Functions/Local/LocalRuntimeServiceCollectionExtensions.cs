using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Local;

/// <summary>Registration of local mode (running without the Functions host) and of its settings.</summary>
internal static class LocalRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="LocalOptions"/>, validated at start in either mode: <see cref="LocalOptions.SectionName"/> wins over
    /// the former <see cref="LocalOptions.FormerRuntimeSectionName"/>, which is still read.
    /// </summary>
    public static IServiceCollection AddLocalOptions(this IServiceCollection services)
    {
        // Once, though both the app and AddLocalRuntime ask for it.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(IValidateOptions<LocalOptions>)))
        {
            return services;
        }

        services.AddOptions<LocalOptions>()
            .BindConfiguration(LocalOptions.FormerRuntimeSectionName)
            .BindConfiguration(LocalOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalOptions>, LocalOptionsValidator>();
        return services;
    }

    /// <summary>
    /// Local mode: fires timer functions on their schedules (<see cref="LocalTimerScheduler"/>) and replaces
    /// <see cref="IQueueSender"/> with <see cref="InProcessQueues"/>; both call the app's own payload endpoints over HTTP.
    /// Needs a <see cref="FunctionCatalog"/> and an <see cref="IDeadLetterStore"/>. Options: <see cref="LocalOptions"/>.
    /// </summary>
    public static IServiceCollection AddLocalRuntime(this IServiceCollection services)
    {
        services.AddLocalOptions();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(LocalInvoker.HttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<LocalOptions>>().Value.InvocationTimeout)
            .RemoveAllLoggers();
        services.TryAddSingleton<SelfAddress>();
        services.TryAddSingleton<LocalFunctionKey>();
        services.TryAddSingleton<LocalInvoker>();

        // Local mode sends to in-process queues whatever sender was registered before.
        services.TryAddSingleton<InProcessQueues>();
        services.RemoveAll<IQueueSender>();
        services.AddSingleton<IQueueSender>(provider => provider.GetRequiredService<InProcessQueues>());
        services.AddHostedService(provider => provider.GetRequiredService<InProcessQueues>());
        services.TryAddSingleton<IDeadLetters, LocalDeadLetters>();
        services.AddHostedService<LocalTimerScheduler>();
        return services;
    }
}
