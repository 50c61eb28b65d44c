using KeyMeter.Adapters.Agents;
using KeyMeter.Core.Agents;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Telemetry;

/// <summary>Agent telemetry ingestion: the OTLP receiver and its limits.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterTelemetry(this IServiceCollection services)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<OtlpIntake>();
        services.AddSingleton<OtlpLogsReceiver>();
        services.AddSingleton<OtlpMetricsReceiver>();
        services.TryAddSingleton<IAgentFactStore, TableAgentFactStore>();
        services.TryAddSingleton<IProxiedSessionStore, TableProxiedSessionStore>();
        services.TryAddSingleton<ProxiedSessions>();
        return services;
    }
}
