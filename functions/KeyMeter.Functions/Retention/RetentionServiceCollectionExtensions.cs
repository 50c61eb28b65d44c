using KeyMeter.Adapters.Retention;
using KeyMeter.Core.Retention;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Retention;

/// <summary>The <c>usage-retention</c> timer and its settings.</summary>
internal static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<IRetentionStore, TableRetentionStore>();
        services.AddSingleton<UsageRetention>();
        services.AddSingleton<IPayloadFunction, UsageRetentionFunction>();
        return services;
    }
}
