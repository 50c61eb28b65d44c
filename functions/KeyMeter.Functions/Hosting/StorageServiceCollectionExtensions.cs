using Azure.Identity;
using KeyMeter.Azure.Keys;
using KeyMeter.Azure.Storage;
using KeyMeter.Azure.Tables;
using KeyMeter.Core.Keys;
using KeyMeter.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Hosting;

/// <summary>Table Storage registration: one service client that targets Azurite or Azure by configuration.</summary>
internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterStorage(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.TableServiceUri is { } uri
                ? new TableServiceClient(uri, new DefaultAzureCredential())
                : TableServiceClient.FromConnectionString(options.ConnectionString);
        });
        services.AddSingleton(provider => new TableProvider(
            provider.GetRequiredService<TableServiceClient>(),
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));
        services.AddSingleton<IKeyStore, TableKeyStore>();
        services.AddSingleton<KeyManagement>();
        return services;
    }
}
