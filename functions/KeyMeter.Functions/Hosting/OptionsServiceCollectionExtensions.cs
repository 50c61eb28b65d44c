using KeyMeter.Functions.Configuration;
using KeyMeter.Functions.Manage;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Hosting;

/// <summary>Binds and validates every settings section at start, so a bad setting stops the app with its name.</summary>
internal static class OptionsServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterOptions(this IServiceCollection services)
    {
        services.AddOptions<KeyMeterOptions>().BindConfiguration(KeyMeterOptions.SectionName).ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddOptions<LocalOptions>().BindConfiguration(LocalOptions.SectionName).ValidateOnStart();
        // An empty value in local.settings.json means "not set", not a relative URL.
        services.PostConfigure<KeyMeterOptions>(options => options.KeyVaultUri = NullIfEmpty(options.KeyVaultUri));
        services.PostConfigure<StorageOptions>(options => options.TableServiceUri = NullIfEmpty(options.TableServiceUri));
        services.AddSingleton<IValidateOptions<KeyMeterOptions>, KeyMeterOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<LocalOptions>, LocalOptionsValidator>();
        services.AddOptions<ManageOptions>().BindConfiguration(ManageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ManageOptions>, ManageOptionsValidator>();
        return services;
    }

    private static Uri? NullIfEmpty(Uri? uri) => uri is { OriginalString.Length: 0 } ? null : uri;
}
