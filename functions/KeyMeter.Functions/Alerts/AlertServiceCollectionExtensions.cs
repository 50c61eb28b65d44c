using KeyMeter.Core.Alerts;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Alerts;

/// <summary>Budget alerts: the publisher the aggregator calls, and the <c>alert-notify</c> function.</summary>
internal static class AlertServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddSingleton<BudgetAlertPublisher>();
        services.AddSingleton<IPayloadFunction, AlertNotifyFunction>();
        return services;
    }
}
