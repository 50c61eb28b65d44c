using KeyMeter.Adapters.Keys;
using KeyMeter.Core.Keys;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Manage;

/// <summary>Developer keys and their <c>/manage/keys</c> routes: the keys table, the key commands and the routes' settings.</summary>
internal static class ManageServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterManage(this IServiceCollection services)
    {
        services.AddOptions<ManageOptions>().BindConfiguration(ManageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ManageOptions>, ManageOptionsValidator>();
        services.AddSingleton<IKeyStore, TableKeyStore>();
        services.AddSingleton<KeyManagement>();
        return services;
    }
}
