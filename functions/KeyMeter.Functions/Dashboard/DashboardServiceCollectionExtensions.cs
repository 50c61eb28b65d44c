namespace KeyMeter.Functions.Dashboard;

/// <summary>The <c>dashboard</c> page, built once; the data it shows comes from the report routes.</summary>
internal static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterDashboard(this IServiceCollection services) => services.AddSingleton<DashboardPage>();
}
