using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Local;

/// <summary>Registration of the function catalog and of local mode (running without the Functions host).</summary>
internal static class LocalRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="FunctionCatalog"/> of <paramref name="appRoot"/> as a singleton, resolving
    /// <c>%name%</c> in schedules and queue names from configuration. Loaded on first use; invalid metadata throws then.
    /// </summary>
    public static IServiceCollection AddFunctionCatalog(this IServiceCollection services, string appRoot)
    {
        services.TryAddSingleton(provider =>
        {
            var configuration = provider.GetService<IConfiguration>();
            return FunctionCatalog.Load(appRoot, configuration is null ? null : name => configuration[name]);
        });
        return services;
    }

    /// <summary>
    /// Local mode: fires timer functions on their schedules (<see cref="LocalTimerScheduler"/>) and replaces
    /// <see cref="IQueueSender"/> with <see cref="InProcessQueues"/>; both call the app's own payload endpoints over HTTP.
    /// Needs a <see cref="FunctionCatalog"/> and an <see cref="IDeadLetterStore"/>. Options: section
    /// <see cref="LocalRuntimeOptions.SectionName"/>.
    /// </summary>
    public static IServiceCollection AddLocalRuntime(this IServiceCollection services)
    {
        services.AddOptions<LocalRuntimeOptions>().BindConfiguration(LocalRuntimeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalRuntimeOptions>, LocalRuntimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(LocalInvoker.HttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<LocalRuntimeOptions>>().Value.InvocationTimeout)
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
