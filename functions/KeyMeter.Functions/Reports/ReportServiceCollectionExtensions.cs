using KeyMeter.Core.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// The report endpoints and what they read. The aggregates reader (<see cref="Core.Aggregation.IAggregateReader"/>) is
/// the aggregates table's adapter, registered with the table; tests put a fake of their own in its place.
/// </summary>
internal static class ReportServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterReports(this IServiceCollection services)
    {
        services.TryAddSingleton<AggregateReports>();
        services.AddOptions<AgentSessionOptions>().BindConfiguration(AgentSessionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentSessionOptions>, AgentSessionOptionsValidator>();
        return services;
    }
}
