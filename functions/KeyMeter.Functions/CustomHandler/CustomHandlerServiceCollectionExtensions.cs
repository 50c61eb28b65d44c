using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>Registration of the function catalog: the function.json files the Functions host reads from the app root.</summary>
internal static class CustomHandlerServiceCollectionExtensions
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
}
