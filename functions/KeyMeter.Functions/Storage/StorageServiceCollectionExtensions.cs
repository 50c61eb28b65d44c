using Azure.Core;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Storage;

/// <summary>
/// Table Storage: its settings and one service client that targets Azurite or Azure by configuration (with a table
/// service URI, through the app's <see cref="TokenCredential"/>).
/// </summary>
internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        // An empty value in local.settings.json means "not set", not a relative URL.
        services.PostConfigure<StorageOptions>(options => options.TableServiceUri = options.TableServiceUri is { OriginalString.Length: 0 } ? null : options.TableServiceUri);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.TableServiceUri is { } uri
                ? new TableServiceClient(uri, provider.GetRequiredService<TokenCredential>())
                : TableServiceClient.FromConnectionString(options.ConnectionString);
        });
        services.AddSingleton(provider => new TableProvider(
            provider.GetRequiredService<TableServiceClient>(),
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));
        return services;
    }
}
