using KeyMeter.Adapters.Aggregation;
using KeyMeter.Core.Aggregation;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Aggregation;

/// <summary>The usage pipeline's consumer: the <c>usage-aggregate</c> function and the aggregates table it writes.</summary>
internal static class AggregationServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterAggregation(this IServiceCollection services)
    {
        services.AddOptions<AggregationOptions>().BindConfiguration(AggregationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AggregationOptions>, AggregationOptionsValidator>();
        services.AddSingleton<TableAggregateStore>();
        services.AddSingleton<IAggregateStore>(provider => provider.GetRequiredService<TableAggregateStore>());
        services.AddSingleton<IAggregateReader>(provider => provider.GetRequiredService<TableAggregateStore>());
        services.AddSingleton<IPoisonMessageStore, TablePoisonMessageStore>();
        services.AddSingleton<UsageAggregator>();
        services.AddSingleton<IPayloadFunction, UsageAggregateFunction>();
        return services;
    }
}
